// Validates JSON documents against a JSON Schema (draft 2020-12) with Ajv,
// a standard validator, for the Go test TestSchema_*: node validate-schema.js
// <node_modules folder> <schema.json> <cases.json>, where cases.json maps a
// case name to a document. Prints {"<case>": [error, ...]} ([] when valid).
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, schemaFile, casesFile] = process.argv.slice(2);
const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020")).default;
const addFormats = require(path.join(modules, "ajv-formats")).default;
// strict mode also rejects keywords Ajv does not know, so a typo in the
// generated schema fails the test instead of being ignored.
const ajv = new Ajv2020({ allErrors: true, strict: true, keywords: ["markdownDescription"] });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
const out = {};
for (const [name, doc] of Object.entries(cases)) {
  out[name] = validate(doc)
    ? []
    : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
process.stdout.write(JSON.stringify(out));
