// The cross-engine suite (suite.mjs) in Firefox: Debian's firefox-esr through geckodriver.
import { run } from './suite.mjs';

run('firefox');
