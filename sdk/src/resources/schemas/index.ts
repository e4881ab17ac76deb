/** Input schemas of the five resources. */
export * from "./common";
export * from "./skill";
export * from "./botAgent";
export * from "./campaign";
export * from "./engagement";
export * from "./connectorFlags";
export * from "./botConnector";
