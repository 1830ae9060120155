// The clinic's own necessary script: must run whatever the choice, and keep its cookie.
window.ran.push('page-own');
document.cookie = 'clinic_session=abc; path=/';
