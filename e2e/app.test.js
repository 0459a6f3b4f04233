// Tests in the real Tenderbench window: the built app under X (Xvfb in CI), driven over WebDriver by
// tauri-driver and WebKitWebDriver. Run through scripts/test.sh, which builds the app first. One window
// serves the whole suite (see harness.js); each area of the app has its module in areas/, run in this order.

import './harness.js';
import './areas/tender.js';
import './areas/evaluation.js';
import './areas/catalogue.js';
import './areas/files.js';
import './areas/messages.js';
