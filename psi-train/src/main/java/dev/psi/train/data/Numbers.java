package dev.psi.train.data;

import java.math.BigDecimal;

/** How parameters are written in descriptions and task names: the shortest decimal, without exponent. */
public final class Numbers {

    private Numbers() {
    }

    /** {@code 2} for 2.0, {@code 0.1} for 0.1, never {@code 1.0E-4}; parsing the result gives {@code value} back. */
    public static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
