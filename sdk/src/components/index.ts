export * from "./botDeployment";
