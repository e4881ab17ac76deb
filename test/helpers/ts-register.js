// Minimal require hook so a child process can run the emulator's TypeScript sources directly
// (ts-node is not a dependency): each .ts file is transpiled on require with the TypeScript API.
// Type checking is the job of `tsc`/ts-jest; this only strips types.
const fs = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = function register(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(out.outputText, filename);
};
