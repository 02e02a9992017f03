package io.edgecoder.core.message;

import java.util.Map;

/** Sources of a restricted job to check before it is accepted. */
public record SubsetCheckRequest(String language, Map<String, String> files) {
}
