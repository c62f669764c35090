/**
 * Shared kernel: typed ids, the error model, secrets, database and job wiring, logging context.
 * Every other module may use it; it depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.parley.platform;
