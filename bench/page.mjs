// The one clinic page every SDK is measured on: same content, same two trackers, same slow image.
// An adapter only supplies what its own documentation puts in <head> and at the end of <body>.
// Never import Playwright here: this module only builds HTML strings.

/** Stand-in tracker hosts; requests to them are routed to local answers and counted (see trackers.mjs). */
export const trackers = {
  analytics: 'https://analytics.medisian.example/ma.js',
  marketing: 'https://pixel.medisian.example/px.js',
};

/** The image the server holds back this long, so `load` fires late and load-waiting tools show it. */
export const SLOW_IMAGE_MS = 1500;

const content = `
<header class="top"><div class="wrap"><strong>Seoul Haneul Clinic</strong>
  <nav><a href="#treatments">Treatments</a> · <a href="#booking">Booking</a> · <a href="/privacy">Privacy policy</a></nav></div></header>
<main class="wrap">
  <h1>Dermatology and aesthetic care in Gangnam</h1>
  <p>Board-certified dermatologists, English and Japanese-speaking coordinators, and same-week appointments for visitors from abroad.</p>
  <img src="/bench/slow.svg" width="960" height="360" alt="Our reception in Gangnam">
  <section id="treatments"><h2>Treatments</h2>
    <ul><li>Acne and scar care</li><li>Laser toning and pigmentation</li><li>Skin boosters</li><li>Hair loss clinic</li></ul>
    <p>Every treatment starts with a consultation; we explain costs, risks and aftercare before you decide.</p></section>
  <section id="booking"><h2>Booking</h2>
    <p>Call +82 2 555 0100 or write to booking@haneul-clinic.example. Open Monday to Saturday, 10:00 to 19:00.</p></section>
</main>
<footer class="wrap"><p>Seoul Haneul Clinic · 123 Teheran-ro, Gangnam-gu, Seoul</p></footer>`;

const style = `<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d2733; }
  .wrap { max-width: 960px; margin: 0 auto; padding: 0 16px; }
  .top { background: #0f5f73; color: #fff; padding: 12px 0; } .top a { color: #fff; }
  img { display: block; max-width: 100%; height: auto; background: #d8e7ea; }
</style>`;

/**
 * @param {{ head: string, bodyEnd?: string }} parts what the adapter's docs put in <head> and before </body>
 * @returns {string} the full page
 */
export function renderPage({ head, bodyEnd = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seoul Haneul Clinic</title>
${head}
${style}
</head>
<body>
${content}
${bodyEnd}
</body>
</html>`;
}
