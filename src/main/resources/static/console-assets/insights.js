// Console behaviour of the insights area (no inline scripts: pages carry data-* attributes).
"use strict";
