// Stand-in analytics tag: records that it ran and sets cookies the way GA4 does.
window.ran.push('analytics-external');
document.cookie = '_ga=GA1.1.1234567890.1700000000; path=/; max-age=63072000';
document.cookie = '_ga_CLINIC1=GS1.1.1700000000.1.0.1700000000.0.0.0; path=/; max-age=63072000';
