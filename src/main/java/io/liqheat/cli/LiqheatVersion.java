package io.liqheat.cli;

import picocli.CommandLine;

final class LiqheatVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = LiqheatCommand.class.getPackage().getImplementationVersion();
    return new String[] {"liqheat " + (version == null ? "development build" : version)};
  }
}
