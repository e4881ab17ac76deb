/** The connector flags table lives in the model (sdk/src/model/flags.ts); re-exported for the resources. */
export * from "../model/flags";
