/**
 * Guice modules: the only place where SPI implementations are chosen (the protocol, the log, the
 * snapshot store, the clock). Classes elsewhere take what they need in their constructors.
 */
package io.chorus.server.wiring;
