package io.edgecoder.core.message;

/** Creates a payment intent to buy credits for {@code user} with a quote, through a provider ({@code manual}, ...). */
public record IntentCreateRequest(String user, QuoteView quote, String provider) {
}
