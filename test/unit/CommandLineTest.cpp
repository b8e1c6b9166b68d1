//===- test/unit/CommandLineTest.cpp - Parsing conc-advisor's argv ---------===//
#include "tool/CommandLine.h"

#include "gtest/gtest.h"

using namespace conc;

namespace {

Options parse(std::vector<std::string> Args) {
  auto O = parseCommandLine(Args);
  EXPECT_TRUE(static_cast<bool>(O)) << llvm::toString(O.takeError());
  return O ? *O : Options();
}

std::string errorOf(std::vector<std::string> Args) {
  auto O = parseCommandLine(Args);
  if (O)
    return "";
  return llvm::toString(O.takeError());
}

TEST(CommandLineTest, Defaults) {
  Options O = parse({});
  EXPECT_EQ(O.Checks, "conc-*");
  EXPECT_EQ(O.Format, OutputFormat::Text);
  EXPECT_EQ(O.FailOn, Severity::Warning);
  EXPECT_EQ(O.Jobs, 0u);
  EXPECT_FALSE(O.HasCompilerArgs);
}

TEST(CommandLineTest, ClangTidyShapes) {
  Options O = parse({"-p", "build", "a.cpp", "--checks=-*,conc-thread-site", "b.cpp",
                     "-format=sarif", "-o", "r.sarif", "-j2", "--fail-on", "note"});
  EXPECT_EQ(O.BuildPath, "build");
  EXPECT_EQ(O.Files, (std::vector<std::string>{"a.cpp", "b.cpp"}));
  EXPECT_EQ(O.Checks, "-*,conc-thread-site");
  EXPECT_EQ(O.Format, OutputFormat::Sarif);
  EXPECT_EQ(O.OutputFile, "r.sarif");
  EXPECT_EQ(O.Jobs, 2u);
  EXPECT_EQ(O.FailOn, Severity::Note);
}

TEST(CommandLineTest, GluedAndEqualsValues) {
  Options O = parse({"-pbuild", "-j=3", "-oout.json", "--format", "json"});
  EXPECT_EQ(O.BuildPath, "build");
  EXPECT_EQ(O.Jobs, 3u);
  EXPECT_EQ(O.OutputFile, "out.json");
  EXPECT_EQ(O.Format, OutputFormat::Json);
}

TEST(CommandLineTest, EverythingAfterDoubleDashIsForTheCompiler) {
  Options O = parse({"x.cpp", "--", "-std=c++20", "-DX=1", "--checks=ignored"});
  EXPECT_TRUE(O.HasCompilerArgs);
  EXPECT_EQ(O.Files, std::vector<std::string>{"x.cpp"});
  EXPECT_EQ(O.CompilerArgs,
            (std::vector<std::string>{"-std=c++20", "-DX=1", "--checks=ignored"}));
  EXPECT_EQ(O.Checks, "conc-*");
}

TEST(CommandLineTest, RepeatableOptions) {
  Options O = parse({"--rules=a.yaml", "--rules", "b.yaml", "--extra-arg=-DA",
                     "--extra-arg-before=-DB", "--no-builtin-rules"});
  EXPECT_EQ(O.RuleFiles, (std::vector<std::string>{"a.yaml", "b.yaml"}));
  EXPECT_EQ(O.ExtraArgs, std::vector<std::string>{"-DA"});
  EXPECT_EQ(O.ExtraArgsBefore, std::vector<std::string>{"-DB"});
  EXPECT_TRUE(O.NoBuiltinRules);
}

TEST(CommandLineTest, Flags) {
  EXPECT_TRUE(parse({"--list-checks"}).ListChecks);
  EXPECT_TRUE(parse({"--version"}).ShowVersion);
  EXPECT_TRUE(parse({"-help"}).ShowHelp);
  EXPECT_TRUE(parse({"-h"}).ShowHelp);
  EXPECT_TRUE(parse({"--quiet"}).Quiet);
}

TEST(CommandLineTest, Errors) {
  EXPECT_EQ(errorOf({"--frobnicate"}), "unknown option '--frobnicate' (see --help)");
  EXPECT_EQ(errorOf({"-p"}), "option '-p' needs a value (DIR)");
  EXPECT_EQ(errorOf({"--format=xml"}), "unknown --format 'xml' (expected text, sarif, json or gitlab)");
  EXPECT_EQ(errorOf({"-j0"}), "-j needs a number between 1 and 1024, got '0'");
  EXPECT_EQ(errorOf({"-j", "many"}), "-j needs a number between 1 and 1024, got 'many'");
  EXPECT_EQ(errorOf({"--fail-on=fatal"}),
            "unknown --fail-on level 'fatal' (expected note, warning or error)");
  EXPECT_EQ(errorOf({"--version=2"}), "option 'version' takes no value");
  EXPECT_EQ(errorOf({"--warnings-as-errors=conc-?"}),
            "invalid check glob 'conc-?' in --warnings-as-errors=conc-?");
  EXPECT_EQ(errorOf({"--baseline="}), "--baseline needs a file name");
  EXPECT_EQ(errorOf({"--export-fixes="}), "--export-fixes needs a file name");
  EXPECT_EQ(errorOf({"--config-file="}), "--config-file needs a file name");
}

TEST(CommandLineTest, LinterOptions) {
  Options O = parse({"--warnings-as-errors=conc-shared-*", "--baseline", "old.sarif",
                     "--export-fixes=fixes.yaml", "--fix", "--config-file=c.yaml",
                     "--dump-config", "--format=gitlab"});
  EXPECT_EQ(O.WarningsAsErrors, "conc-shared-*");
  EXPECT_EQ(O.Baseline, "old.sarif");
  EXPECT_EQ(O.ExportFixes, "fixes.yaml");
  EXPECT_TRUE(O.Fix);
  EXPECT_EQ(O.ConfigFile, "c.yaml");
  EXPECT_TRUE(O.DumpConfig);
  EXPECT_EQ(O.Format, OutputFormat::GitLab);
  // What was given is recorded, so a configuration file fills in the rest.
  EXPECT_EQ(O.Given, (std::set<std::string>{"warnings-as-errors", "baseline", "export-fixes",
                                            "fix", "config-file", "dump-config", "format"}));
  EXPECT_TRUE(parse({}).Given.empty());
}

TEST(CommandLineTest, Timeout) {
  EXPECT_EQ(parse({}).TimeoutSeconds, 0u);
  EXPECT_EQ(parse({"--timeout=30"}).TimeoutSeconds, 30u);
  EXPECT_EQ(parse({"-timeout", "86400"}).TimeoutSeconds, 86400u);
  for (const char *Bad : {"--timeout=0", "--timeout=-1", "--timeout=1.5", "--timeout=86401"})
    EXPECT_NE(errorOf({Bad}).find("--timeout needs a number of seconds between 1 and 86400"),
              std::string::npos)
        << Bad;
}

TEST(CommandLineTest, HelpListsEveryOption) {
  std::string Help = helpText();
  for (const char *Opt : {"--checks=GLOBS", "--format=FORMAT", "-o FILE", "-j N", "-p DIR",
                          "--fail-on=LEVEL", "--rules=FILE", "--list-checks", "--timeout=SECONDS",
                          "EXIT STATUS", "--warnings-as-errors=GLOBS", "--baseline=FILE",
                          "--export-fixes=FILE", "--fix", "--config-file=FILE",
                          "--dump-config"})
    EXPECT_NE(Help.find(Opt), std::string::npos) << Opt;
}

} // namespace
