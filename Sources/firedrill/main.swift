import FiredrillCLI

await Firedrill.runFromCommandLine()
