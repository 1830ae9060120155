// A local stand-in for a marketing pixel (Article 10 (2): event visit counts for differentiated
// information). It only runs once the patient allows marketing; it sets a cookie and says so.
(function () {
  const match = document.cookie.match(/(?:^|; )_mdp=(\d+)/);
  const visits = match ? Number(match[1]) + 1 : 1;
  document.cookie = `_mdp=${visits}; max-age=7776000; path=/; SameSite=Lax`;
  const message = `Medisian Event Pixel ran: event page visit #${visits} counted, cookie _mdp=${visits} set`;
  console.info(`[demo pixel] ${message}`);
  window.demoLog?.('marketing', message);
})();
