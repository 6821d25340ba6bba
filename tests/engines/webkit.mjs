// The cross-engine suite (suite.mjs) in WebKit: Debian's WebKitGTK through WebKitWebDriver.
import { run } from './suite.mjs';

run('webkit');
