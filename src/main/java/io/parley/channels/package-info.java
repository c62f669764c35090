/**
 * Channel adapters, one package each ({@code whatsapp}, {@code webchat}): they turn wire formats into
 * conversation inbound messages and implement the delivery port for their channel. Wire DTOs stay here.
 */
package io.parley.channels;
