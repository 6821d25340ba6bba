// Loaded before the page's own scripts and under its policy (tests/servers.mjs, `site`): what a
// browser's console shows as an error, kept in `window.consoleErrors` for the suite to read,
// in every engine alike (WebKitWebDriver gives no access to the console).
window.consoleErrors = [];
{
  const keep = (text) => window.consoleErrors.push(String(text));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    keep(args.join(' '));
    consoleError(...args);
  };
  addEventListener('error', (event) => {
    const source = event.target?.src ?? event.target?.href;
    keep(event.message || `cannot load ${source}`);
  }, true);
  addEventListener('unhandledrejection', (event) => keep(`unhandled rejection: ${event.reason}`));
  addEventListener('securitypolicyviolation', (event) => {
    keep(`the policy blocked ${event.blockedURI} (${event.violatedDirective})`);
  });
}
