// Console behaviour of the bots area (no inline scripts: pages carry data-* attributes).
"use strict";
