export declare const SLOT: Readonly<{ STATE: 0; COUNT: 1; K: 2; ERROR_BYTES: 3 }>;
export declare const STATE: Readonly<{ IDLE: 0; REQUEST: 1; ANSWERED: 2; FAILED: 3 }>;
