// Python's `statistics`: mean, fmean, median(_low/_high), mode, multimode, (p)variance,
// (p)stdev and quantiles. Means, variances and deviations are exact results rounded once
// (statistics+Exact.swift), as CPython's fraction arithmetic gives them.

enum StatisticsModule {
    static func make(_ interpreter: Interpreter) throws -> PyModule {
        let module = PyModule(name: "statistics")
        addExactHelpers(module)
        return try SourceModule.run(source, name: "statistics", in: module, interpreter: interpreter)
    }

    static let source = #"""
import math

class StatisticsError(ValueError):
    pass
StatisticsError.__module__ = 'statistics'

def _check_numbers(data):
    for x in data:
        if not isinstance(x, (int, float)):
            raise TypeError(f"can't convert type '{type(x).__name__}' to numerator/denominator")

def _all_ints(data):
    return all(type(x) is int or type(x) is bool for x in data)

def _ratio_to_value(num, den):
    if den < 0:
        num, den = -num, -den
    if num % den == 0:
        return num // den
    return num / den

def mean(data):
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    _check_numbers(data)
    if _all_ints(data):
        try:
            total = sum(data)
            if total % n == 0:
                return total // n
        except OverflowError:
            pass
    exact = _exact(data, 'mean', 0)
    if exact is not None:
        return exact
    return math.fsum(data) / n

def fmean(data, weights=None):
    data = list(data)
    n = len(data)
    if weights is None:
        if n == 0:
            raise StatisticsError('fmean requires at least one data point')
        total = _exact(data, 'fsum', 0)
        return (math.fsum(data) if total is None else total) / n
    weights = list(weights)
    if len(weights) != n:
        raise StatisticsError('data and weights must be the same length')
    total = math.fsum(weights)
    if not total:
        raise StatisticsError('sum of weights must be non-zero')
    return math.fsum(x * w for x, w in zip(data, weights)) / total

def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2

def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]

def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]

def _counts(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts

def mode(data):
    counts = _counts(data)
    if not counts:
        raise StatisticsError('no mode for empty data')
    best = max(counts.values())
    for k, v in counts.items():
        if v == best:
            return k

def multimode(data):
    counts = _counts(data)
    if not counts:
        return []
    best = max(counts.values())
    return [k for k, v in counts.items() if v == best]

def _ss(data):
    n = len(data)
    if _all_ints(data):
        sx = sum(data)
        sxx = sum(x * x for x in data)
        return (n * sxx - sx * sx, n), True
    c = math.fsum(data) / n
    deviations = [x - c for x in data]
    ss = math.fsum(d * d for d in deviations) - math.fsum(deviations) ** 2 / n
    return (ss, 1), False

def _variance(data, ddof):
    n = len(data)
    _check_numbers(data)
    if _all_ints(data):
        try:
            (num, den), exact = _ss(data)
            if num % (den * (n - ddof)) == 0:
                return num // (den * (n - ddof))
        except OverflowError:
            pass
    exact = _exact(data, 'variance', ddof)
    if exact is not None:
        return exact
    (num, den), exact = _ss(data)
    return num / (den * (n - ddof))

def _stdev(data, ddof):
    _check_numbers(data)
    exact = _exact(data, 'stdev', ddof)
    if exact is not None:
        return exact
    (num, den), exact = _ss(data)
    return math.sqrt(num / (den * (len(data) - ddof)))

def variance(data, xbar=None):
    data = list(data)
    n = len(data)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    return _variance(data, 1)

def pvariance(data, mu=None):
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    return _variance(data, 0)

def stdev(data, xbar=None):
    data = list(data)
    n = len(data)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    return _stdev(data, 1)

def pstdev(data, mu=None):
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    return _stdev(data, 0)

def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError(f'Unknown method: {method!r}')

def geometric_mean(data):
    try:
        return math.exp(fmean([math.log(x) for x in data]))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset containing positive numbers') from None

def harmonic_mean(data, weights=None):
    data = list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    elif n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float)):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if any(x < 0 for x in data):
        raise StatisticsError(errmsg)
    if weights is None:
        if any(x == 0 for x in data):
            return 0
        reciprocals = [1 / x for x in data]
        exact = _exact(reciprocals, 'harmonic', 0)
        if exact is not None:
            return exact
        return n / math.fsum(reciprocals)
    weights = list(weights)
    if len(weights) != n:
        raise StatisticsError('Number of weights does not match data size')
    if any(w < 0 for w in weights):
        raise StatisticsError(errmsg)
    try:
        total = math.fsum(w / x if w else 0 for w, x in zip(weights, data))
    except ZeroDivisionError:
        return 0
    if total <= 0:
        raise StatisticsError('Weighted sum must be positive')
    return math.fsum(weights) / total
"""#
}
