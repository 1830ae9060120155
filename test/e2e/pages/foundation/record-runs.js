// Test helper, loaded before the SDK: every stand-in script records that it ran here.
window.ran = [];
