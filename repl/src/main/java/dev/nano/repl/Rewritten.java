package dev.nano.repl;

/**
 * An entry rewritten for evaluation (see {@link JsTooling#rewrite}): a classic script. When
 * {@code async}, the script's value is a promise of {@code { value }} (the entry's last expression)
 * or of {@code undefined}.
 */
public record Rewritten(String code, boolean async) {
}
