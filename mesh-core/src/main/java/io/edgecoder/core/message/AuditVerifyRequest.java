package io.edgecoder.core.message;

/** Asks the control role to recheck its audit chain. */
public record AuditVerifyRequest() {
}
