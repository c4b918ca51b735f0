// `processkarta serve` in a real browser: an edit reloads the open page, a broken edit shows
// its diagnostics over the page, and fixing it takes the overlay away again.
//
// Usage: node serve.test.js <processkarta binary> <model folder to copy>
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { chromium } = require("playwright-core");

const [bin, fixture] = process.argv.slice(2);
if (!bin || !fixture) {
  console.error("usage: node serve.test.js <processkarta binary> <model folder>");
  process.exit(2);
}

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n${String(e.stack || e).replace(/^/gm, "    ")}`);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "processkarta-serve-"));
  fs.cpSync(fixture, dir, { recursive: true });
  const server = spawn(bin, ["serve", dir, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve did not start:\n" + log)), 20000);
    server.stderr.on("data", (d) => {
      log += d;
      const m = log.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const guidance = path.join(dir, "handlaggarstod", "steg", "1-behover-stod.md");
  const lane = path.join(dir, "process", "individ.yaml");
  const laneText = fs.readFileSync(lane, "utf8");
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/steg/1.html`);
    await check("an edit of the guidance reloads the open page", async () => {
      fs.writeFileSync(guidance, "## Syfte\n\nÄndrad text i webbläsartestet.\n");
      await page.waitForSelector("text=Ändrad text i webbläsartestet.", { timeout: 15000 });
    });
    await check("a broken edit shows its diagnostics over the page", async () => {
      fs.writeFileSync(lane, "name: Individen\nsteps: [\n");
      const box = await page.waitForSelector("#processkarta-serve-fel", { timeout: 15000 });
      const text = await box.innerText();
      if (!text.includes("process/individ.yaml")) throw new Error("overlay without the file: " + text);
      if (!(await page.locator("text=Ändrad text i webbläsartestet.").count())) {
        throw new Error("the last good page is gone");
      }
    });
    await check("fixing the edit removes the overlay", async () => {
      fs.writeFileSync(lane, laneText);
      await page.waitForSelector("#processkarta-serve-fel", { state: "detached", timeout: 15000 });
    });
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
