// The chapter's "Run the journey" panel in Chromium: the whole trip runs in
// the built trip worker, with the reference wherever the learner has nothing
// that passes, and a learner's broken piece, run anyway, is named with the
// step where the trip stopped.
import { describe, expect, it } from 'vitest';
import { FAULT_IDS } from '../../src/journey/faults.ts';
import { PIECE_IDS, PIECE_NOUNS } from '../../src/journey/pieces.ts';
import { PGLITE_DATA_DIR_PATH } from '../../src/runners/embedded/pglite-data-dir.ts';
import { useBuiltSite } from '../support/built-site.ts';
import { importFiles, labFiles, openLab } from '../support/lab-page.ts';

const site = useBuiltSite({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });

/** Clicks Run on the chapter page and waits until the run ends; returns the status line. */
async function runJourney(): Promise<string> {
  await site.page.click('.rj [data-part="run"]');
  await site.page.waitForFunction(() => document.querySelector<HTMLButtonElement>('.rj [data-part="run"]')?.disabled === true);
  await site.page.waitForFunction(() => document.querySelector<HTMLButtonElement>('.rj [data-part="run"]')?.disabled === false, undefined, { timeout: 120_000 });
  return (await site.page.textContent('.rj [data-part="status"]')) ?? '';
}

/** Saves a lab's files as the lab page does (idb-keyval's store in IndexedDB), on the page's origin. */
async function saveFiles(lab: string, files: Record<string, string>): Promise<void> {
  await site.page.evaluate(
    ([key, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('packet-journey');
        open.onupgradeneeded = () => open.result.createObjectStore('workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('workspace', 'readwrite');
          transaction.objectStore('workspace').put(value, key);
          transaction.oncomplete = () => (open.result.close(), resolve());
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    [`files:${lab}`, files] as const,
  );
}

const label = (piece: string) => site.page.textContent(`.rj [data-piece="${piece}"] .rj-label`);

describe('running the journey in the browser', () => {
  it('runs the whole trip on the reference pieces when nothing is saved, and offers its capture', async () => {
    const dataDir = site.page.waitForRequest((r) => r.url().endsWith(`/${PGLITE_DATA_DIR_PATH}`), { timeout: 120_000 });
    await site.page.goto(`${site.url}/chapters/journey/`);
    const status = await runJourney();
    expect(status).toMatch(/^Done in [\d.]+ s/);
    for (const piece of PIECE_IDS) expect(await label(piece)).toMatch(/^reference /);
    expect(await site.page.textContent('.rj-meter-text')).toBe(`Your stack: 0 of ${PIECE_IDS.length} pieces`);
    expect(await site.page.textContent('.rj-outcome')).toMatch(/The order came back: HTTP 20\d after [\d.]+ ms/);
    // The run's own figures: a bar per phase, and a table row per step.
    expect(await site.page.locator('.rj-result .pl-bar').count()).toBeGreaterThanOrEqual(8);
    expect(await site.page.locator('.rj-result .tt tbody tr').count()).toBeGreaterThan(100);
    const download = site.page.waitForEvent('download');
    await site.page.click('.rj-result a[download="trip.pcap"]');
    const pcap = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of pcap) chunks.push(chunk as Buffer);
    // libpcap's magic number, little-endian microsecond format.
    expect(Buffer.concat(chunks).readUInt32LE(0)).toBe(0xa1b2c3d4);
    // The inventory started from the data directory the build made.
    await dataDir;
    // journey trip --grade's verdict: every piece still the reference.
    expect(await site.page.textContent('.rj-summary')).toBe(`Journey not yet: ${PIECE_IDS.length} of ${PIECE_IDS.length} pieces are still the reference: ${PIECE_IDS.map((id) => `${PIECE_NOUNS[id]} (${id})`).join(', ')}.`);
    expect(await site.page.isHidden('.rj [data-part="passed"]')).toBe(true);
  }, 180_000);

  it('offers every fault faults.ts lists, and a ticked one shows in the run\'s timeline', async () => {
    await site.page.goto(`${site.url}/chapters/journey/`);
    expect(await site.page.locator('.rj [data-fault]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([...FAULT_IDS]);
    await site.page.check('.rj [data-fault][value="server-down"]');
    expect(await runJourney()).toMatch(/^Done in/);
    expect(await site.page.locator('.rj-result .tt tbody td code', { hasText: 'injected fault (server-down)' }).count()).toBe(1);
  }, 180_000);

  it("runs every piece from the learner's saved files: one graded, the others taken as they are", async () => {
    await site.page.goto(`${site.url}/chapters/journey/`);
    // Solutions with a comment of the learner's, so each lab counts as started.
    for (const piece of PIECE_IDS) {
      const files = labFiles(piece, 'solution');
      const first = Object.keys(files)[0]!;
      await saveFiles(piece, { ...files, [first]: `// mine\n${files[first]}` });
    }
    await site.page.reload();
    for (const piece of PIECE_IDS.filter((id) => id !== 'lb')) await site.page.check(`.rj [data-force="${piece}"]`);
    const status = await runJourney();
    expect(status).toMatch(/^Done in/);
    expect(await label('lb')).toBe('your director');
    expect(await site.page.textContent('.rj [data-piece="lb"] .rj-reason')).toBe('your lb lab passes every stage the trip needs');
    for (const piece of PIECE_IDS) expect(await label(piece)).toMatch(/^your /);
    expect(await site.page.textContent('.rj-meter-text')).toBe(`Your stack: ${PIECE_IDS.length} of ${PIECE_IDS.length} pieces`);
    expect(await site.page.textContent('.rj-outcome')).toMatch(/The order came back: HTTP 20\d/);
    // Forced pieces count as the learner's, as journey trip --grade takes every piece ungraded: the journey passes.
    expect(await site.page.textContent('.rj-summary')).toBe('Journey pass: the order crossed the network carried by your code alone.');
    expect(await site.page.locator('.rj-checks [data-ok="true"]').count()).toBe(PIECE_IDS.length + 1);
    // The pass is kept in this browser: the chapter shows it on return, before any run.
    await site.page.reload();
    expect(await site.page.textContent('.rj [data-part="passed"]')).toMatch(/^You passed the whole journey in this browser on \d{4}-\d\d-\d\d \(seed \d+\)/);
  }, 240_000);

  it('keeps a piece that does not pass as the reference, and names it with the step when it is run anyway', async () => {
    // A learner who started the TCP lab: the starter with one line of their own.
    const starter = labFiles('tcp', 'starter');
    await openLab(site.page, site.url, 'tcp');
    await importFiles(site.page, 'tcp', { ...starter, 'connection.ts': `// started\n${starter['connection.ts']}` });
    await site.page.goto(`${site.url}/chapters/journey/`);
    expect(await runJourney()).toMatch(/^Done in/);
    expect(await label('tcp')).toBe('reference TCP');
    expect(await site.page.textContent('.rj [data-piece="tcp"] .rj-reason')).toMatch(/^your tcp lab does not pass .*connection.* yet$/);

    // The verdict is kept for these files: the next run does not grade the lab again.
    const verdict = await site.page.evaluate(() => JSON.parse(localStorage.getItem('packet-journey:journey-verdict:tcp') ?? 'null') as { failed: string[] } | null);
    expect(verdict?.failed).toContain('connection');
    await site.page.evaluate(() => {
      const seen: string[] = ((globalThis as unknown as { statuses: string[] }).statuses = []);
      const status = document.querySelector('.rj [data-part="status"]')!;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
    });
    expect(await runJourney()).toMatch(/^Done in/);
    const statuses = await site.page.evaluate(() => (globalThis as unknown as { statuses: string[] }).statuses);
    expect(statuses).toContain('Running the trip…');
    expect(statuses.filter((text) => text.startsWith('Grading'))).toEqual([]);

    await site.page.check('.rj [data-force="tcp"]');
    const status = await runJourney();
    expect(await label('tcp')).toBe('your TCP');
    expect(status).toMatch(/^The trip stopped during TCP handshake, at t=[\d.]+ ms: .*TODO\(connection\).*Look at your TCP \(workspace\/tcp\/\)/);
    // The verdict names the step and the piece first, then the pieces this browser has no passing work for.
    expect(await site.page.textContent('.rj-summary')).toMatch(/^Journey not yet: the trip stopped during TCP handshake: look at your TCP \(workspace\/tcp\/\); 8 of 9 pieces are still the reference: /);
    expect(await site.page.locator('.rj [data-piece="tcp"][data-blamed]').count()).toBe(1);
    expect(await site.page.isHidden('.rj [data-part="result"]')).toBe(true);
  }, 240_000);
});
