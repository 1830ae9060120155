// A local stand-in for a third-party analytics tag (Article 10 (1): visit frequency and time,
// tastes and interests). It only runs once the patient allows analytics; it sets a cookie and says so.
(function () {
  const visitor = Math.random().toString(36).slice(2, 10);
  document.cookie = `_mda=${visitor}; max-age=31536000; path=/; SameSite=Lax`;
  const message = `Medisian Analytics ran: page view counted for ${location.pathname}, cookie _mda=${visitor} set`;
  console.info(`[demo analytics] ${message}`);
  window.demoLog?.('analytics', message);
})();
