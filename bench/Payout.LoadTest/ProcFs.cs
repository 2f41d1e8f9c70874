using System.Diagnostics;
using System.Globalization;

namespace Payout.LoadTest;

/// <summary>CPU time and memory of processes and of the machine, read from /proc (Linux only).</summary>
internal static class ProcFs
{
    private static readonly Lazy<double> TicksPerSecond = new(ReadClockTicks);

    /// <summary>User + system CPU time of one process so far; zero once it is gone.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return TimeSpan.Zero;
        }

        // Fields after "(comm)": state is field 3, so utime (14) and stime (15) are at 11 and 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond.Value);
    }

    /// <summary>CPU time of every process whose parent is <paramref name="parentPid"/> (PostgreSQL's backends), by pid.</summary>
    public static Dictionary<int, TimeSpan> ChildrenCpuTime(int parentPid)
    {
        var result = new Dictionary<int, TimeSpan>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is not null && fields[1] == parentPid.ToString(CultureInfo.InvariantCulture))
            {
                result[pid] = CpuTime(pid);
            }
        }

        return result;
    }

    /// <summary>A line of /proc/&lt;pid&gt;/status in MB, e.g. VmRSS (resident now) or VmHWM (peak resident); null once it is gone.</summary>
    public static double? MemoryMb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return Math.Round(kb / 1024.0, 1);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>The machine's busy and total CPU time (all cores, from the first line of /proc/stat).</summary>
    public static (TimeSpan Busy, TimeSpan Total) MachineCpu()
    {
        var parts = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = parts.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4]; // idle + iowait
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond.Value), TimeSpan.FromSeconds(total / TicksPerSecond.Value));
    }

    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    public static long MemoryTotalMb() =>
        File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(l => long.Parse(l["MemTotal:".Length..].Trim().TrimEnd('B').TrimEnd('k').Trim(), CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b);

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100; // the Linux default
        }
    }
}
