// The host content schema (www/content.schema.json, JSON Schema 2020-12) accepts the demo's content and the
// README's example, and gives the same verdict as the widget's loader on every case of
// tests/fixtures/content-cases.json (tests/it/data.rs runs the loader on the same cases). Needs no browser.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(read("www/content.schema.json"));

describe("host content schema", () => {
  it("accepts the demo's content", () => {
    assert.ok(validate(read("www/content.json")), JSON.stringify(validate.errors));
  });

  it("accepts the README's example", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const example = readme.match(/### Host content[\s\S]*?```json\n([\s\S]*?)```/);
    assert.ok(example, "the README has a JSON example under Host content");
    assert.ok(validate(JSON.parse(example[1])), JSON.stringify(validate.errors));
  });

  for (const { what, valid, content } of read("tests/fixtures/content-cases.json").cases) {
    it(`${valid ? "accepts" : "refuses"} ${what}`, () => {
      assert.equal(validate(content), valid, JSON.stringify(validate.errors));
    });
  }

  it("refuses the hostile fixtures whose entries the loader skips", () => {
    for (const name of ["content-hostile-links.json", "content-wrong-types.json"]) {
      assert.equal(validate(read(`tests/fixtures/hostile/${name}`)), false, name);
    }
  });
});
