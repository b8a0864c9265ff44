/** Continuous partner API traffic against web instances, recording every response. */

export interface Sample {
  instance: string;
  startedAt: number;
  endedAt: number;
  status: number;
  release?: string;
  indexVersion?: string;
  analyzer?: string;
  error?: string;
}

export function driveAdvice(urls: string[], apiKey: string, clientsPerInstance = 2) {
  const samples: Sample[] = [];
  let running = true;
  const client = async (url: string, n: number) => {
    for (let i = 0; running; i++) {
      const startedAt = Date.now();
      try {
        const response = await fetch(`${url}/api/v1/advice`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({
            userId: `swap-${n}`,
            query: `I rent in CA; is a 36 month loan of $${5000 + i} wise?`,
          }),
        });
        const body = (await response.json()) as {
          release?: string;
          indexVersion?: string;
          versions?: { analyzer?: string };
          /** A problem document's detail (/api/v1 errors: RFC 9457). */
          detail?: string;
        };
        samples.push({
          instance: url,
          startedAt,
          endedAt: Date.now(),
          status: response.status,
          release: body.release,
          indexVersion: body.indexVersion,
          analyzer: body.versions?.analyzer,
          error: body.detail,
        });
      } catch (error) {
        samples.push({ instance: url, startedAt, endedAt: Date.now(), status: 0, error: String(error) });
      }
    }
  };
  const clients = urls.flatMap((url, u) =>
    Array.from({ length: clientsPerInstance }, (_, c) => client(url, u * clientsPerInstance + c)),
  );
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}
