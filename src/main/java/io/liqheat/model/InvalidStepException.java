package io.liqheat.model;

/**
 * A step the model refuses: non-finite or negative prices or OI, high below low, or a time before
 * the previous step's. The model's state is unchanged when this is thrown.
 */
public final class InvalidStepException extends IllegalArgumentException {
  public InvalidStepException(String message) {
    super(message);
  }
}
