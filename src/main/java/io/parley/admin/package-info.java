/**
 * Operator access to {@code /api/v1}: the admin token (generated on first start in the embedded mode), its
 * authentication filter, the demo tenant and the start-up banner.
 */
package io.parley.admin;
