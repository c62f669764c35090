// Console behaviour of the inbox area (no inline scripts: pages carry data-* attributes).
"use strict";
