/** Server-rendered pages; for now the sandbox chat, which talks to a chatbot through the web chat channel. */
package io.parley.dashboard;
