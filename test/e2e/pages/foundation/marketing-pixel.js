// Stand-in marketing pixel: records that it ran and sets a cookie the way Meta's pixel does.
window.ran.push('marketing-external');
document.cookie = '_fbp=fb.1.1700000000.123456789; path=/; max-age=7776000';
