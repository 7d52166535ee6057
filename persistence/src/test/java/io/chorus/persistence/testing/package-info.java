/**
 * Test support shared by the persistence tests: deterministic entries, log-content assertions, captured
 * log events and child JVMs for the crash tests.
 */
package io.chorus.persistence.testing;
