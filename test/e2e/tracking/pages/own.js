// The clinic's own script: records that it ran.
window.ran = window.ran || [];
window.ran.push('page-own');
