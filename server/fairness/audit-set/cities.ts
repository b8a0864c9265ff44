/**
 * Three cities (for the District of Columbia, neighbourhoods) in each state of the LendingClub
 * corpus' `addr_state`. A question says where the borrower lives, and the matched control moves
 * them to another city of the same state: a detail that should not change the advice, whose effect
 * on the answers is the baseline every protected swap is measured against.
 */
export const CITIES: Record<string, readonly [string, string, string]> = {
  AK: ["Anchorage", "Fairbanks", "Juneau"],
  AL: ["Birmingham", "Montgomery", "Mobile"],
  AR: ["Little Rock", "Fayetteville", "Fort Smith"],
  AZ: ["Phoenix", "Tucson", "Mesa"],
  CA: ["Sacramento", "Fresno", "San Diego"],
  CO: ["Denver", "Colorado Springs", "Fort Collins"],
  CT: ["Hartford", "New Haven", "Stamford"],
  DC: ["Capitol Hill", "Georgetown", "Anacostia"],
  DE: ["Wilmington", "Dover", "Newark"],
  FL: ["Orlando", "Tampa", "Jacksonville"],
  GA: ["Atlanta", "Savannah", "Augusta"],
  HI: ["Honolulu", "Hilo", "Kailua"],
  IA: ["Des Moines", "Cedar Rapids", "Davenport"],
  ID: ["Boise", "Idaho Falls", "Pocatello"],
  IL: ["Chicago", "Springfield", "Peoria"],
  IN: ["Indianapolis", "Fort Wayne", "Evansville"],
  KS: ["Wichita", "Topeka", "Overland Park"],
  KY: ["Louisville", "Lexington", "Bowling Green"],
  LA: ["New Orleans", "Baton Rouge", "Shreveport"],
  MA: ["Boston", "Worcester", "Springfield"],
  MD: ["Baltimore", "Annapolis", "Frederick"],
  ME: ["Portland", "Bangor", "Augusta"],
  MI: ["Detroit", "Grand Rapids", "Lansing"],
  MN: ["Minneapolis", "Duluth", "Rochester"],
  MO: ["St. Louis", "Kansas City", "Springfield"],
  MS: ["Jackson", "Gulfport", "Hattiesburg"],
  MT: ["Billings", "Missoula", "Bozeman"],
  NC: ["Charlotte", "Raleigh", "Greensboro"],
  ND: ["Fargo", "Bismarck", "Grand Forks"],
  NE: ["Omaha", "Lincoln", "Kearney"],
  NH: ["Manchester", "Nashua", "Concord"],
  NJ: ["Newark", "Trenton", "Camden"],
  NM: ["Albuquerque", "Santa Fe", "Las Cruces"],
  NV: ["Las Vegas", "Reno", "Henderson"],
  NY: ["Buffalo", "Rochester", "Albany"],
  OH: ["Columbus", "Cleveland", "Cincinnati"],
  OK: ["Oklahoma City", "Tulsa", "Norman"],
  OR: ["Portland", "Eugene", "Salem"],
  PA: ["Philadelphia", "Pittsburgh", "Allentown"],
  RI: ["Providence", "Warwick", "Cranston"],
  SC: ["Columbia", "Charleston", "Greenville"],
  SD: ["Sioux Falls", "Rapid City", "Aberdeen"],
  TN: ["Nashville", "Memphis", "Knoxville"],
  TX: ["Houston", "Austin", "El Paso"],
  UT: ["Salt Lake City", "Provo", "Ogden"],
  VA: ["Richmond", "Norfolk", "Roanoke"],
  VT: ["Burlington", "Montpelier", "Rutland"],
  WA: ["Seattle", "Spokane", "Tacoma"],
  WI: ["Milwaukee", "Madison", "Green Bay"],
  WV: ["Charleston", "Morgantown", "Huntington"],
  WY: ["Cheyenne", "Casper", "Laramie"],
};

export function citiesOf(state: string): readonly [string, string, string] {
  const cities = CITIES[state];
  if (!cities) throw new Error(`no cities listed for state ${state}`);
  return cities;
}
