package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad step is refused with a specific exception and leaves the model exactly as it was. */
class StepValidationTest {

  private static final double NAN = Double.NaN;

  static Stream<Arguments> badSteps() {
    return Stream.of(
        Arguments.of("NaN close", new Step(2000, 100, 101, 99, NAN, 100, NAN, NAN, NAN, NAN, NAN, NAN, 10, 1000), "close"),
        Arguments.of("infinite high", new Step(2000, 100, Double.POSITIVE_INFINITY, 99, 100, 100, NAN, NAN, NAN, NAN, NAN, NAN, 10, 1000), "high"),
        Arguments.of("negative low", new Step(2000, 100, 101, -1, 100, 100, NAN, NAN, NAN, NAN, NAN, NAN, 10, 1000), "low"),
        Arguments.of("zero open", new Step(2000, 0, 101, 99, 100, 100, NAN, NAN, NAN, NAN, NAN, NAN, 10, 1000), "open"),
        Arguments.of("negative OI", new Step(2000, 100, 101, 99, 100, 100, NAN, NAN, NAN, NAN, NAN, NAN, -5, 1000), "oiBase"),
        Arguments.of("NaN OI in USD", new Step(2000, 100, 101, 99, 100, 100, NAN, NAN, NAN, NAN, NAN, NAN, 10, NAN), "oiUsd"),
        Arguments.of("high below low", new Step(2000, 100, 99, 101, 100, 100, NAN, NAN, NAN, NAN, NAN, NAN, 10, 1000), "below low"),
        Arguments.of("vwap outside range", new Step(2000, 100, 101, 99, 100, 105, NAN, NAN, NAN, NAN, NAN, NAN, 10, 1000), "vwap"),
        Arguments.of("mark high below mark low", new Step(2000, 100, 101, 99, 100, 100, 99, 101, NAN, NAN, NAN, NAN, 10, 1000), "mark"),
        Arguments.of("half a mark", new Step(2000, 100, 101, 99, 100, 100, 101, NAN, NAN, NAN, NAN, NAN, 10, 1000), "mark"),
        Arguments.of("negative volume", new Step(2000, 100, 101, 99, 100, 100, NAN, NAN, -1, NAN, NAN, NAN, 10, 1000), "volume"),
        Arguments.of("out of time order", Steps.flat(500, 100, 10), "out of time order"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSteps")
  void isRefusedAndTheStateStaysUnchanged(String name, Step bad, String messagePart) {
    DensityModel model = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    model.step(Steps.flat(1000, 100, 10));
    String before = model.checksum();

    assertThatThrownBy(() -> model.step(bad))
        .isInstanceOf(InvalidStepException.class)
        .hasMessageContaining(messagePart);
    assertThat(model.checksum()).isEqualTo(before);
    assertThat(model.stepCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSteps")
  void isRefusedAsTheFirstStepToo(String name, Step bad, String messagePart) {
    DensityModel model = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    if (messagePart.equals("out of time order")) {
      return; // a first step has nothing to be out of order with
    }
    assertThatThrownBy(() -> model.step(bad)).isInstanceOf(InvalidStepException.class);
    assertThat(model.isSeeded()).isFalse();
  }
}
