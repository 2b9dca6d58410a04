/*
 * The synthetic benchmark pool (bench/synthetic-1000.json, made by bench/make-synthetic.ts) in
 * plain C, for `npm run bench` to compare ipabs's Monte Carlo engine with: the same model as
 * docs/credit-model.md and models/montecarlo/ (same pool, tranches, waterfall, default and
 * recovery model, outcome per path and statistics), only the random generator differs
 * (xoshiro256** here, Tyche-i in ipabs), so results agree within Monte Carlo error, not bit for bit.
 *
 *   1,000 level-payment (annuity) loans, loan i of 500,000 + (i mod 10) x 100,000 CNY at 6% over
 *   36 monthly payments from 2024-01-15 (month rate 0.5%, interest rounded to the fen, payment
 *   recomputed from the balance each month, the last payment clears the balance), each collected
 *   on the deal's payment date on or after it; PD 3% a year (constant hazard); one-factor Gaussian
 *   copula rho = 0.2 on the engine's monthly grid (month m = days ((m-1) d, m d] after issue,
 *   d = 365.25 / 12) to the deal's 42 months; a flow is due in the nearest grid month (days / d,
 *   rounded, at least 1: models/engine/program.ts dueMonthOf) and a default in month m misses every
 *   flow due in month m or later; a loan that has paid everything (a default month after its last
 *   flow) does not default and is not counted in the default rate; recovery 40% of the exposure (principal
 *   outstanding before the first missed flow), in month m + 6, collected by the first payment date
 *   whose month index (days / d, rounded) is at least that, or late (after the final payment date,
 *   not available to the notes); tranches 80% / 12% / 8%
 *   at 3% / 5% / 8% (30/360: a month's interest is balance x coupon x 30/360 rounded to the fen);
 *   each month interest in seniority order, then all cash to principal sequentially, the rest to
 *   the originator. Per path: pool loss rate, default rate, per tranche the loss of present value
 *   of promised cash at its own coupon / original balance, any loss, unpaid principal + interest,
 *   principal and principal x years (WAL); sums of x and x^2 per block of 4,096 paths, merged in
 *   block order; a 10,000-bin histogram of the pool loss.
 *
 * Three ways to find who defaults in which month (the same model, the same distribution):
 *   --method latent       X_i = sqrt(rho) M + sqrt(1 - rho) e_i with e_i = inverse-Phi(u_i), the
 *                         first month m with X_i < c_m (the textbook route: one inverse normal per name);
 *   --method conditional  given M, name i defaults by the horizon when u_i < Phi(z_H); only a
 *                         defaulted name needs its month, from the path's row of Phi(z_m) (one
 *                         uniform, one comparison per name; ipabs's route until December 2026);
 *   --method jump         ipabs's route (docs/credit-model.md, "Fast path"): given M the names are
 *                         independent trials with p = Phi(z_H), so the survivors before the next
 *                         default are geometric, floor(ln u / ln(1 - p)); a default's month from a
 *                         second uniform times p against the row (one per name when p >= 25%).
 *
 * Build: gcc -O2 -o synthetic synthetic.c -lm      Run: ./synthetic --paths 100000 --seed 2026 --method latent
 * Prints one JSON object: the run, the engine's own time, and the results with standard errors.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_LOANS 1000
#define TERM 36
#define PERIODS 42          /* 2024-01-15 to 2027-07-15, monthly */
#define HORIZON 42          /* months simulated: to the final payment date */
#define LAG 6
#define N_TR 3
#define BLOCK 4096
#define LOSS_BINS 10000

static const double RHO = 0.2, PD = 0.03, RECOVERY = 0.4, LOAN_RATE = 0.06;
static const double TR_SHARE[N_TR] = {0.8, 0.12, 0.08}, TR_COUPON[N_TR] = {0.03, 0.05, 0.08};

/* ---- xoshiro256** (Blackman & Vigna), seeded by splitmix64 ---- */
typedef struct { uint64_t s[4]; } rng_t;
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next_u64(rng_t *r) {
  uint64_t *s = r->s;
  const uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return result;
}
/* (k + 1/2) / 2^53: strictly inside (0, 1). */
static inline double uniform(rng_t *r) { return ((double)(next_u64(r) >> 11) + 0.5) * 0x1.0p-53; }
static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL; z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static void seed_stream(rng_t *r, uint64_t seed, uint64_t block, uint64_t stream) {
  uint64_t x = seed * 0x100000001b3ULL ^ (block << 8) ^ stream;
  for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

/* ---- the normal distribution: Phi through erfc (C99), inverse Phi by AS 241 (as ipabs) ---- */
static inline double norm_cdf(double x) { return 0.5 * erfc(-x * M_SQRT1_2); }
static double inv_norm_cdf(double p) {
  double q = p - 0.5, r, v;
  if (fabs(q) <= 0.425) {
    r = 0.180625 - q * q;
    return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608) /
           (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1);
  }
  r = q < 0 ? p : 1 - p;
  r = sqrt(-log(r));
  if (r <= 5) {
    r -= 1.6;
    v = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
        (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    v = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
        (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -v : v;
}

/* Round to the fen, half up (as ipabs's floatNum.fen). */
static inline double fen(double x) {
  double s = x * 100;
  return (s >= 0 ? floor(s + 0.5 + 1e-9) : -floor(-s + 0.5 + 1e-9)) / 100;
}

/* Days from 1970-01-01 (Howard Hinnant's days_from_civil), for the WAL's years (actual/365). */
static long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400), doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

/* ---- the compiled model ---- */
#define DAYS_PER_MONTH (365.25 / 12)
static int flow_month[TERM];                  /* grid month of each payment (the same dates for every loan) */
static int flow_period[TERM];                 /* the period that collects it */
static double flow_amount[N_LOANS][TERM];
static double flow_exposure[N_LOANS][TERM];   /* principal outstanding if the loan stops before flow j */
static double base_collections[PERIODS];
static double threshold[HORIZON];             /* c_m = inverse-Phi(F(m / 12)), m = 1 … H at index m − 1 */
static int period_of_month[HORIZON + LAG + 2]; /* first period whose month index is ≥ m; PERIODS after the deal */
static double discount[N_TR][PERIODS], promised_pv[N_TR], tr_balance[N_TR], years[PERIODS];
static double pool_principal;

/* The 15th of the month `k` months after January 2024, as days from 1970-01-01. */
static long day_of(int k) { return days_from_civil(2024 + k / 12, (unsigned)(k % 12 + 1), 15); }

static void compile_model(void) {
  const double r = LOAN_RATE / 12;
  const long issue = day_of(0);
  int month_index[PERIODS];
  for (int p = 0; p < PERIODS; p++) {
    long days = day_of(p + 1) - issue;
    years[p] = (double)days / 365.0;
    month_index[p] = (int)lround((double)days / DAYS_PER_MONTH);
  }
  for (int m = 0; m < HORIZON + LAG + 2; m++) {
    int k = 0;
    while (k < PERIODS && month_index[k] < m) k++;
    period_of_month[m] = k;
  }
  for (int j = 0; j < TERM; j++) {
    int mo = (int)lround((double)(day_of(j + 1) - issue) / DAYS_PER_MONTH);
    flow_month[j] = mo < 1 ? 1 : mo;
    flow_period[j] = j; /* due on the deal's payment date j: collected in period j */
  }
  pool_principal = 0;
  memset(base_collections, 0, sizeof base_collections);
  for (int i = 0; i < N_LOANS; i++) {
    double bal = 500000.0 + (i % 10) * 100000.0;
    pool_principal += bal;
    for (int k = 1; k <= TERM; k++) {
      double interest = fen(bal * r), principal;
      if (k == TERM) principal = bal;
      else principal = fen(bal * r / (1 - pow(1 + r, -(TERM - k + 1)))) - interest;
      if (principal > bal) principal = bal;
      flow_exposure[i][k - 1] = bal;
      flow_amount[i][k - 1] = interest + principal;
      base_collections[flow_period[k - 1]] += interest + principal;
      bal -= principal;
    }
  }
  const double hazard = -log1p(-PD);
  for (int m = 1; m <= HORIZON; m++) threshold[m - 1] = inv_norm_cdf(-expm1(-hazard * m / 12.0));
  for (int t = 0; t < N_TR; t++) {
    tr_balance[t] = round(pool_principal * TR_SHARE[t]);
    double df = 1;
    for (int p = 0; p < PERIODS; p++) { df /= 1 + TR_COUPON[t] * 30.0 / 360.0; discount[t][p] = df; }
  }
}

/* ---- one path's waterfall: interest a, b, c; principal a, b, c (turbo); residual ---- */
typedef struct { double interest[PERIODS][N_TR], principal[PERIODS][N_TR], end_balance[N_TR], end_arrears[N_TR], residual; } ledger_t;

static void run_waterfall(const double *col, ledger_t *L) {
  double bal[N_TR], arrears[N_TR] = {0, 0, 0}, cash = 0;
  memcpy(bal, tr_balance, sizeof bal);
  L->residual = 0;
  for (int p = 0; p < PERIODS; p++) {
    double avail = cash + col[p];
    for (int t = 0; t < N_TR; t++) {
      double due = fen(bal[t] * TR_COUPON[t] * 30.0 / 360.0) + arrears[t], pay = 0;
      if (due > 1e-9) pay = due < avail ? due : avail;
      if (pay < 0) pay = 0;
      avail -= pay;
      arrears[t] = due - pay;
      L->interest[p][t] = pay;
    }
    for (int t = 0; t < N_TR; t++) {
      double amt = avail < bal[t] ? avail : bal[t];
      if (amt > 1e-9) { bal[t] -= amt; avail -= amt; } else amt = 0;
      L->principal[p][t] = amt;
    }
    if (avail > 1e-9) { L->residual += avail; avail = 0; }
    cash = avail;
  }
  for (int t = 0; t < N_TR; t++) { L->end_balance[t] = bal[t]; L->end_arrears[t] = arrears[t]; }
}

typedef struct { double pool_loss, default_rate, loss[N_TR], shortfall[N_TR], principal[N_TR], principal_years[N_TR]; } outcome_t;

static void summarize(const ledger_t *L, outcome_t *o) {
  for (int t = 0; t < N_TR; t++) {
    double pv = 0, prin = 0, py = 0;
    for (int p = 0; p < PERIODS; p++) {
      pv += discount[t][p] * (L->interest[p][t] + L->principal[p][t]);
      prin += L->principal[p][t];
      py += L->principal[p][t] * years[p];
    }
    double loss = promised_pv[t] - pv, floor_ = 1e-8 * tr_balance[t];
    o->loss[t] = loss > (floor_ > 0.01 ? floor_ : 0.01) ? loss / tr_balance[t] : 0;
    o->shortfall[t] = L->end_balance[t] + L->end_arrears[t];
    o->principal[t] = prin;
    o->principal_years[t] = py;
  }
}

/* ---- statistics: sums of x and x^2 per block, merged in block order ---- */
enum { S_POOL, S_DR, S_POOL_ANY, S_TR = 3, S_PER_TR = 6, N_STATS = S_TR + S_PER_TR * N_TR };
enum { T_LOSS, T_ANY, T_SHORT, T_PRIN, T_PY, T_CROSS };

static void add(double *v, int i, double x) { v[2 * i] += x; v[2 * i + 1] += x * x; }

static void accumulate(double *v, double *hist, const outcome_t *o) {
  add(v, S_POOL, o->pool_loss);
  add(v, S_DR, o->default_rate);
  add(v, S_POOL_ANY, o->pool_loss > 0);
  for (int t = 0; t < N_TR; t++) {
    int b = S_TR + S_PER_TR * t;
    add(v, b + T_LOSS, o->loss[t]);
    add(v, b + T_ANY, o->loss[t] > 0);
    add(v, b + T_SHORT, o->shortfall[t]);
    add(v, b + T_PRIN, o->principal[t]);
    add(v, b + T_PY, o->principal_years[t]);
    v[2 * (b + T_CROSS)] += o->principal[t] * o->principal_years[t];
  }
  int bin = 0;
  if (o->pool_loss > 0) { bin = (int)ceil(o->pool_loss * LOSS_BINS); if (bin > LOSS_BINS) bin = LOSS_BINS; if (bin < 1) bin = 1; }
  hist[bin] += 1;
}

int main(int argc, char **argv) {
  long paths = 100000;
  uint64_t seed = 2026;
  int conditional = 0, jump = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--paths") && i + 1 < argc) paths = atol(argv[++i]);
    else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--method") && i + 1 < argc) {
      const char *m = argv[++i];
      if (!strcmp(m, "conditional")) conditional = 1;
      else if (!strcmp(m, "jump")) jump = 1;
      else if (strcmp(m, "latent")) { fprintf(stderr, "--method: must be latent, conditional or jump, got %s\n", m); return 2; }
    } else { fprintf(stderr, "usage: synthetic [--paths N] [--seed S] [--method latent|conditional|jump]\n"); return 2; }
  }
  if (paths < 1) { fprintf(stderr, "--paths: must be at least 1\n"); return 2; }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  compile_model();

  static ledger_t L;
  static outcome_t base;
  run_waterfall(base_collections, &L);
  for (int t = 0; t < N_TR; t++) {
    promised_pv[t] = 0;
    for (int p = 0; p < PERIODS; p++) promised_pv[t] += discount[t][p] * (L.interest[p][t] + L.principal[p][t]);
  }
  summarize(&L, &base);
  base.pool_loss = 0;
  base.default_rate = 0;

  const double a = sqrt(RHO), s = sqrt(1 - RHO);
  static double total[2 * N_STATS], v[2 * N_STATS], hist[LOSS_BINS + 1], col[PERIODS], row[HORIZON];
  static int month_of[N_LOANS], defaulted[N_LOANS];
  long blocks = (paths + BLOCK - 1) / BLOCK;
  for (long b = 0; b < blocks; b++) {
    rng_t rd, rr;
    seed_stream(&rd, seed, (uint64_t)b, 0);
    seed_stream(&rr, seed, (uint64_t)b, 1);
    memset(v, 0, sizeof v);
    long end = (b + 1) * BLOCK < paths ? (b + 1) * BLOCK : paths;
    for (long path = b * BLOCK; path < end; path++) {
      /* Who defaults, in which month (1 … H). */
      const double M = inv_norm_cdf(uniform(&rd)), sys = a * M;
      int n_def = 0;
      if (jump) {
        const double p_h = norm_cdf((threshold[HORIZON - 1] - sys) / s);
        if (p_h > 0) {
          for (int m = 0; m < HORIZON; m++) row[m] = norm_cdf((threshold[m] - sys) / s);
          if (p_h >= 0.25) {
            for (int i = 0; i < N_LOANS; i++) {
              double u = uniform(&rd);
              if (u < p_h) {
                int lo = 0, hi = HORIZON - 1;
                while (lo < hi) { int mid = (lo + hi) >> 1; if (u < row[mid]) hi = mid; else lo = mid + 1; }
                month_of[n_def] = lo + 1;
                defaulted[n_def++] = i;
              }
            }
          } else {
            const double per_log = 1 / log1p(-p_h);
            for (double k = -1;;) {
              k += 1 + floor(log(uniform(&rd)) * per_log);
              if (!(k < N_LOANS)) break;
              const double u = uniform(&rd) * p_h;
              int lo = 0, hi = HORIZON - 1;
              while (lo < hi) { int mid = (lo + hi) >> 1; if (u < row[mid]) hi = mid; else lo = mid + 1; }
              month_of[n_def] = lo + 1;
              defaulted[n_def++] = (int)k;
            }
          }
        }
      } else if (conditional) {
        const double p_h = norm_cdf((threshold[HORIZON - 1] - sys) / s);
        int row_ready = 0;
        for (int i = 0; i < N_LOANS; i++) {
          double u = uniform(&rd);
          if (u < p_h) {
            if (!row_ready) { for (int m = 0; m < HORIZON; m++) row[m] = norm_cdf((threshold[m] - sys) / s); row_ready = 1; }
            int lo = 0, hi = HORIZON - 1; /* first m with u < row[m] */
            while (lo < hi) { int mid = (lo + hi) >> 1; if (u < row[mid]) hi = mid; else lo = mid + 1; }
            month_of[n_def] = lo + 1;
            defaulted[n_def++] = i;
          }
        }
      } else {
        for (int i = 0; i < N_LOANS; i++) {
          double x = sys + s * inv_norm_cdf(uniform(&rd));
          if (x < threshold[HORIZON - 1]) {
            int lo = 0, hi = HORIZON - 1; /* first m with x < c_m */
            while (lo < hi) { int mid = (lo + hi) >> 1; if (x < threshold[mid]) hi = mid; else lo = mid + 1; }
            month_of[n_def] = lo + 1;
            defaulted[n_def++] = i;
          }
        }
      }
      outcome_t o;
      if (n_def == 0) { o = base; accumulate(v, hist, &o); continue; }
      /* Missed flows out, recoveries in. */
      memcpy(col, base_collections, sizeof col);
      double pool_loss = 0;
      int owing = 0;
      for (int j = 0; j < n_def; j++) {
        const int i = defaulted[j], m = month_of[j];
        int lo = 0, hi = TERM; /* the first flow due in month m or later */
        while (lo < hi) { int mid = (lo + hi) >> 1; if (flow_month[mid] < m) lo = mid + 1; else hi = mid; }
        if (lo == TERM) continue; /* paid everything: no default (no recovery draw, as ipabs) */
        owing++;
        double exposure = flow_exposure[i][lo];
        for (int f = lo; f < TERM; f++) col[flow_period[f]] -= flow_amount[i][f];
        (void)uniform(&rr); /* one recovery draw per default, as ipabs (sd = 0: the mean) */
        double rec = RECOVERY * exposure;
        if (rec > exposure) rec = exposure;
        const int rp = period_of_month[m + LAG];
        if (rp < PERIODS) col[rp] += rec;
        pool_loss += exposure - rec;
      }
      run_waterfall(col, &L);
      summarize(&L, &o);
      o.pool_loss = pool_loss / pool_principal;
      o.default_rate = (double)owing / N_LOANS;
      accumulate(v, hist, &o);
    }
    for (int i = 0; i < 2 * N_STATS; i++) total[i] += v[i];
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;

  const double n = (double)paths;
#define MEAN(i) (total[2 * (i)] / n)
#define SE(i) sqrt(fmax(0, total[2 * (i) + 1] / n - MEAN(i) * MEAN(i)) / (n - 1))
  printf("{\n  \"paths\": %ld, \"seed\": %llu, \"method\": \"%s\", \"engineSeconds\": %.4f,\n", paths, (unsigned long long)seed, jump ? "jump" : conditional ? "conditional" : "latent", seconds);
  printf("  \"pool\": { \"expectedLossRate\": %.8g, \"expectedLossRateStdErr\": %.4g, \"defaultRateMean\": %.8g, \"defaultRateMeanStdErr\": %.4g, \"probabilityOfLoss\": %.8g },\n",
         MEAN(S_POOL), SE(S_POOL), MEAN(S_DR), SE(S_DR), MEAN(S_POOL_ANY));
  printf("  \"tranches\": [\n");
  for (int t = 0; t < N_TR; t++) {
    int b = S_TR + S_PER_TR * t;
    double wal = total[2 * (b + T_PRIN)] > 0 ? total[2 * (b + T_PY)] / total[2 * (b + T_PRIN)] : 0;
    printf("    { \"id\": \"%c\", \"expectedLossRate\": %.8g, \"expectedLossRateStdErr\": %.4g, \"probabilityOfLoss\": %.8g, \"probabilityOfLossStdErr\": %.4g, \"walYears\": %.6g }%s\n",
           'a' + t, MEAN(b + T_LOSS), SE(b + T_LOSS), MEAN(b + T_ANY), SE(b + T_ANY), wal, t + 1 < N_TR ? "," : "");
  }
  printf("  ]\n}\n");
  return 0;
}
