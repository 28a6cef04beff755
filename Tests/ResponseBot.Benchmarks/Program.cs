using BenchmarkDotNet.Running;
using ResponseBot.Benchmarks;

// The benchmarks index public data that lives beside the checkout, never in it; without it there is nothing to run.
var data = BenchmarkData.Locate();
if (data is null)
{
    Console.Error.WriteLine(
        "Skipped: the public data folder (shared/data beside the checkout, or RESPONSEBOT_DATA) was not found.");
    return 0;
}

// Benchmarks run in child processes with their own working and base directories; they find the data through this.
Environment.SetEnvironmentVariable(BenchmarkData.Variable, data);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkData).Assembly).Run(args);
return 0;
