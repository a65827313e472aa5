/*
** The demo economy generator. Enterprises are drawn one by one from their
** own random stream (so enterprise i is the same whatever N is around it),
** monthly value added is generated year by year in memory and calibrated
** group by group so that the monitoring method (docs/methods.md) gives the
** published growth figures; then everything goes to the caller's sink in
** enterprise order. All randomness comes from the seed through splitmix64
** and xoshiro256**; nothing depends on hash order or on the build.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/demo.h"

/* ---------------------------------------------------------------- random */

struct rng {
	uint64_t s[4];
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t splitmix64(uint64_t *x)
{
	*x += 0x9e3779b97f4a7c15ULL;
	return mix64(*x);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = mix64(seed ^ 0x5851f42d4c957f2dULL) ^ mix64(stream + 0x14057b7ef767814fULL);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** (Blackman and Vigna). */
static uint64_t rng_next(struct rng *r)
{
	uint64_t result = rotl(r->s[1] * 5, 7) * 9;
	uint64_t t = r->s[1] << 17;

	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl(r->s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static double u01(uint64_t h)
{
	return (double)(h >> 11) * 0x1.0p-53;
}

static double rng_uniform(struct rng *r)
{
	return u01(rng_next(r));
}

/* Standard normal by Box-Muller (one of the pair). */
static double normal_of(double u1, double u2)
{
	return sqrt(-2.0 * log(1.0 - u1)) * cos(6.283185307179586 * u2);
}

static double rng_normal(struct rng *r)
{
	double u1 = rng_uniform(r);
	return normal_of(u1, rng_uniform(r));
}

/* A counter-based draw: the same (seed, enterprise, period, field) always
** gives the same number, whatever was drawn before. */
static uint64_t hash4(uint64_t seed, uint64_t i, uint64_t t, uint64_t field)
{
	uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
	h = mix64(h ^ (i * 0xd6e8feb86659fd93ULL));
	return mix64(h ^ ((t << 8 | field) * 0xa0761d6478bd642fULL + 0xe7037ed1a0b428dbULL));
}

static double hash_uniform(uint64_t seed, uint64_t i, int t, int field)
{
	return u01(hash4(seed, i, (uint64_t)t, (uint64_t)field));
}

static double hash_normal(uint64_t seed, uint64_t i, int t, int field)
{
	return normal_of(hash_uniform(seed, i, t, field), hash_uniform(seed, i, t, field + 64));
}

static double round1(double x)
{
	return round(x * 10.0) / 10.0;
}

/* ------------------------------------------------------ published series */

/* All-industry PPI, previous year = 100, 2016-2024 (NBS). */
static const double ppi_all_table[9][12] = {
	{ 94.7, 95.1, 95.7, 96.6, 97.2, 97.4, 98.3, 99.2, 100.1, 101.2, 103.3, 105.5 }, /* 2016 */
	{ 106.9, 107.8, 107.6, 106.4, 105.5, 105.5, 105.5, 106.3, 106.9, 106.9, 105.8, 104.9 },
	{ 104.3, 103.7, 103.1, 103.4, 104.1, 104.7, 104.6, 104.1, 103.6, 103.3, 102.7, 100.9 },
	{ 100.1, 100.1, 100.4, 100.9, 100.6, 100.0, 99.7, 99.2, 98.8, 98.4, 98.6, 99.5 },
	{ 100.1, 99.6, 98.5, 96.9, 96.3, 97.0, 97.6, 98.0, 97.9, 97.9, 98.5, 99.6 },
	{ 100.3, 101.7, 104.4, 106.8, 109.0, 108.8, 109.0, 109.5, 110.7, 113.5, 112.9, 110.3 },
	{ 109.1, 108.8, 108.3, 108.0, 106.4, 106.1, 104.2, 102.3, 100.9, 98.7, 98.7, 99.3 },
	{ 99.2, 98.6, 97.5, 96.4, 95.4, 94.6, 95.6, 97.0, 97.5, 97.4, 97.0, 97.3 },
	{ 97.5, 97.3, 97.2, 97.5, 98.6, 99.2, 99.2, 98.2, 97.2, 97.1, 97.5, 97.7 }, /* 2024 */
};

double ec_demo_ppi_all(int period)
{
	int year = ec_period_year(period);

	if (year < 2016 || year > 2024)
		return 100.0;
	return ppi_all_table[year - 2016][ec_period_month(period) - 1];
}

/* Cumulative growth of value added above designated size, January to the
** month, percent; January carries the January-February figure. */
static const double target_all[4][12] = {
	{ 7.2, 7.2, 6.8, 6.9, 6.9, 6.7, 6.6, 6.5, 6.4, 6.4, 6.3, 6.2 },         /* 2018 */
	{ 5.3, 5.3, 6.5, 6.2, 6.0, 6.0, 5.8, 5.6, 5.6, 5.6, 5.6, 5.7 },         /* 2019 */
	{ -13.5, -13.5, -8.4, -4.9, -2.8, -1.3, -0.4, 0.4, 1.2, 1.8, 2.3, 2.8 }, /* 2020 */
	{ 35.1, 35.1, 24.5, 20.3, 17.8, 15.9, 14.4, 13.1, 11.8, 10.9, 10.1, 9.6 },
};
static const double target_sei[4][12] = {
	{ 9.5, 9.5, 9.2, 9.4, 9.4, 9.1, 9.0, 9.0, 8.9, 8.9, 8.9, 8.9 },
	{ 6.7, 6.7, 8.3, 8.5, 8.4, 8.6, 8.6, 8.5, 8.4, 8.4, 8.4, 8.4 },
	{ -9.8, -9.8, -4.5, -1.0, 1.1, 2.9, 3.8, 4.6, 5.4, 6.0, 6.6, 7.0 },
	{ 31.0, 31.0, 25.0, 22.0, 20.0, 18.6, 17.6, 16.8, 16.1, 15.5, 15.1, 14.8 },
};
/* Annual growth of all industry above size, 2010-2025, for the years
** without a monthly path; SEI is taken as 3.5 points faster. */
static const double annual_all[16] = { 15.7, 13.9, 10.0, 9.7, 8.3, 6.1, 6.0, 6.6,
				       6.2, 5.7, 2.8, 9.6, 3.6, 4.6, 5.8, 6.0 };

int ec_demo_target(int year, int month, double *all_pct, double *sei_pct)
{
	if (month < 1)
		month = 1;
	if (month > 12)
		month = 12;
	if (year >= 2018 && year <= 2021) {
		*all_pct = target_all[year - 2018][month - 1];
		*sei_pct = target_sei[year - 2018][month - 1];
		return 1;
	}
	*all_pct = (year >= 2010 && year <= 2025) ? annual_all[year - 2010] : 5.0;
	*sei_pct = *all_pct + 3.5;
	return 0;
}

/* Spring Festival day of year (January 1 = 1), 2010-2030; Feb 5 otherwise. */
static const int festival_doy[21] = { 45, 34, 23, 41, 31, 50, 39, 28, 47, 36, 25,
				      43, 32, 22, 41, 29, 48, 37, 26, 44, 34 };

static int is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* Output of the month relative to an average month: a December high, a
** short February, and the Spring Festival: from a week before to two weeks
** after it, plants work at about half speed. */
static double season(int year, int month)
{
	static const double base[12] = { 1.00, 0.95, 1.02, 0.99, 1.00, 1.04,
					 0.98, 0.99, 1.04, 1.00, 1.06, 1.16 };
	int fest = (year >= 2010 && year <= 2030) ? festival_doy[year - 2010] : 36;
	int first = 1, lost = 0;

	for (int m = 1; m < month; m++)
		first += days_in_month(year, m);
	for (int d = first; d < first + days_in_month(year, month); d++)
		if (d >= fest - 7 && d <= fest + 13)
			lost++;
	return base[month - 1] * (1.0 - 0.45 * (double)lost / (double)days_in_month(year, month));
}

/* ------------------------------------------------------------ the tables */

/* Industry divisions: share of enterprises (percent), size multiplier,
** value added / gross output, revenue per employee (thousand yuan a year),
** PPI sensitivity to the all-industry index and offset, share of
** exporters and their export share, and words for names. */
struct division_info {
	int code;
	double count_pct, size, va_ratio, productivity;
	double ppi_beta, ppi_offset;
	double export_p, export_share;
	const char *words;
};

static const struct division_info divisions[] = {
	{ 6, 1.10, 3.0, 0.35, 900, 2.5, 0.0, 0.02, 0.05, "煤业|矿业|能源" },
	{ 7, 0.05, 40.0, 0.35, 3000, 4.0, 0.0, 0.0, 0.0, "石油|油气" },
	{ 8, 0.35, 1.5, 0.33, 800, 3.0, 0.0, 0.0, 0.0, "矿业|铁矿" },
	{ 9, 0.30, 1.8, 0.33, 800, 2.0, 0.0, 0.05, 0.1, "矿业|有色矿业" },
	{ 10, 0.85, 0.6, 0.30, 700, 1.2, 0.5, 0.05, 0.1, "矿业|石材" },
	{ 11, 0.05, 5.0, 0.30, 900, 1.0, 0.0, 0.0, 0.0, "油田技术服务|矿山工程" },
	{ 12, 0.02, 0.8, 0.30, 600, 1.0, 0.0, 0.0, 0.0, "矿业" },
	{ 13, 5.80, 0.9, 0.20, 1200, 0.4, 0.5, 0.20, 0.20, "食品|粮油|饲料|农产品" },
	{ 14, 2.30, 1.0, 0.26, 900, 0.3, 0.6, 0.15, 0.15, "食品|乳业|调味品" },
	{ 15, 1.60, 1.2, 0.30, 1000, 0.2, 0.8, 0.05, 0.10, "酒业|饮品" },
	{ 16, 0.03, 40.0, 0.35, 10000, 0.1, 0.5, 0.0, 0.0, "卷烟" },
	{ 17, 5.00, 0.6, 0.22, 500, 0.4, 0.0, 0.40, 0.30, "纺织|丝绸|印染" },
	{ 18, 3.60, 0.5, 0.24, 300, 0.2, 0.5, 0.50, 0.40, "服饰|制衣" },
	{ 19, 2.30, 0.6, 0.24, 350, 0.2, 0.4, 0.50, 0.40, "皮革|鞋业" },
	{ 20, 2.50, 0.45, 0.24, 600, 0.4, 0.0, 0.30, 0.30, "木业" },
	{ 21, 1.70, 0.5, 0.24, 450, 0.3, 0.3, 0.40, 0.30, "家具" },
	{ 22, 1.70, 0.9, 0.24, 1000, 0.8, 0.0, 0.10, 0.10, "纸业" },
	{ 23, 1.50, 0.5, 0.26, 500, 0.4, 0.2, 0.15, 0.15, "印务|包装印刷" },
	{ 24, 2.30, 0.7, 0.22, 450, 0.3, 0.2, 0.50, 0.40, "文体用品|工艺品" },
	{ 25, 0.60, 7.0, 0.22, 4000, 3.0, 0.0, 0.05, 0.05, "石化|炼化|能源化工" },
	{ 26, 6.10, 1.3, 0.24, 1500, 1.8, 0.0, 0.30, 0.20, "化工|精细化工|新材料" },
	{ 27, 2.00, 1.4, 0.34, 800, 0.1, 0.5, 0.30, 0.15, "制药|药业|生物医药|生物科技" },
	{ 28, 0.50, 2.0, 0.20, 1600, 1.8, 0.0, 0.20, 0.15, "化纤|纤维" },
	{ 29, 5.00, 0.55, 0.23, 600, 0.6, 0.0, 0.40, 0.25, "塑业|橡胶|塑胶" },
	{ 30, 8.80, 0.6, 0.27, 700, 1.0, 0.8, 0.10, 0.15, "建材|水泥|玻璃|陶瓷" },
	{ 31, 1.20, 5.5, 0.22, 2500, 2.8, 0.0, 0.10, 0.10, "钢铁|特钢|冶金" },
	{ 32, 1.90, 3.0, 0.20, 2000, 2.2, 0.0, 0.15, 0.10, "有色金属|铝业|铜业" },
	{ 33, 5.80, 0.6, 0.24, 600, 0.8, 0.0, 0.30, 0.25, "金属制品|五金" },
	{ 34, 6.40, 0.6, 0.27, 600, 0.3, 0.2, 0.30, 0.20, "机械|通用设备|动力" },
	{ 35, 4.80, 0.65, 0.28, 600, 0.3, 0.2, 0.30, 0.20, "装备|机械|重工" },
	{ 36, 4.00, 1.85, 0.22, 1000, 0.1, -0.5, 0.20, 0.10, "汽车|汽车零部件|汽车部件" },
	{ 37, 1.10, 1.2, 0.25, 700, 0.2, 0.0, 0.30, 0.30, "船舶|装备|交通装备" },
	{ 38, 6.40, 0.95, 0.24, 800, 0.5, 0.0, 0.40, 0.25, "电气|电机|电器" },
	{ 39, 4.90, 2.0, 0.21, 700, 0.15, -0.8, 0.60, 0.45, "电子|电子科技|通信技术|智能科技" },
	{ 40, 1.20, 0.7, 0.33, 600, 0.2, 0.0, 0.30, 0.20, "仪器仪表|精密仪器|测控技术" },
	{ 41, 0.40, 0.5, 0.25, 500, 0.5, 0.0, 0.30, 0.30, "实业" },
	{ 42, 0.40, 1.0, 0.22, 1500, 1.5, 0.0, 0.05, 0.10, "再生资源|环保科技" },
	{ 43, 0.13, 0.8, 0.30, 500, 0.3, 0.0, 0.05, 0.10, "设备维修|机电工程" },
	{ 44, 2.00, 3.3, 0.35, 3000, 0.3, 0.0, 0.0, 0.0, "电力|能源|热电" },
	{ 45, 0.70, 1.1, 0.25, 2000, 0.6, 0.0, 0.0, 0.0, "燃气" },
	{ 46, 0.60, 0.5, 0.35, 500, 0.2, 1.0, 0.0, 0.0, "水务" },
};
#define NDIVISIONS (sizeof divisions / sizeof divisions[0])

/* Classes weighted more or less than the others of their division, and
** the words their names use. A code is a class or a prefix of classes. */
struct class_info {
	const char *prefix;
	double weight;
	const char *words; /* NULL: the division's */
};

static const struct class_info class_infos[] = {
	{ "3973", 2.0, "微电子|半导体|集成电路" },
	{ "3972", 1.0, "半导体|微电子" },
	{ "3562", 1.0, "半导体设备|精密装备" },
	{ "3974", 1.5, "光电|显示科技" },
	{ "3976", 1.5, "光电子|光电科技" },
	{ "391", 1.0, "计算机|信息技术" },
	{ "392", 1.5, "通信技术|通信设备" },
	{ "3611", 1.5, NULL },
	{ "3612", 0.8, "新能源汽车|新能源汽车科技" },
	{ "3670", 10.0, "汽车零部件|汽车部件|汽车配件" },
	{ "3415", 1.0, "风电装备|风能" },
	{ "3825", 1.5, "光伏科技|太阳能" },
	{ "384", 1.0, "新能源科技|电池|锂电" },
	{ "374", 1.0, "航空科技|航天科技" },
	{ "371", 1.0, "轨道交通装备" },
	{ "372", 1.0, "轨道交通装备" },
	{ "373", 1.0, "船舶重工|海洋工程" },
	{ "358", 1.2, "医疗器械|医疗科技" },
	{ "2761", 1.5, "生物制药|生物技术" },
	{ "2762", 1.0, "生物制药|生物技术" },
	{ "4411", 8.0, "热电|电力|发电" },
	{ "4412", 1.0, "水电|电力" },
	{ "4414", 0.3, "核电" },
	{ "4415", 1.5, "风电|新能源" },
	{ "4416", 1.5, "光伏电力|新能源" },
	{ "4420", 5.0, "供电|电力" },
	{ "4430", 3.0, "热力|供热" },
	{ "3232", 1.0, "稀土|稀土材料" },
	{ "265", 1.0, "新材料|高分子材料" },
	{ "3514", 1.0, "重工|工程机械" },
	{ "2511", 3.0, NULL },
	{ "0610", 3.0, NULL },
};

/* Real agglomerations: a share of the enterprises of these classes sits in
** these places (county or prefecture codes, with weights). */
struct hub_info {
	const char *classes; /* space-separated class codes or prefixes */
	double share;
	const char *places;  /* "CODE:WEIGHT ..." */
	double scatter_km;
};

static const struct hub_info hub_infos[] = {
	/* integrated circuits: Shanghai Pudong (Zhangjiang), Wuxi, Beijing E-Town */
	{ "3973 3972 3562 3985", 0.45, "310115:4 320214:1.5 110115:1 440305:0.8", 5 },
	/* ICT and communication equipment: Shenzhen */
	{ "391 392 3981 3982 3984 3989", 0.30, "440305:2 440306:3 440307:2 440309:1.5", 5 },
	/* displays: Hefei, Shenzhen */
	{ "3974 3975", 0.35, "340104:2 340111:1.5 440310:1", 5 },
	/* new-energy vehicles: Hefei, Shenzhen Pingshan, Shanghai Jiading, Changzhou */
	{ "3612", 0.40, "340111:2 340100:1 440310:2 310114:1 320411:1", 6 },
	/* lithium batteries: Ningde, Shenzhen, Changzhou */
	{ "3841", 0.35, "350902:2 440310:1 320411:1.5", 6 },
	/* optoelectronics: Wuhan East Lake */
	{ "3976 3832 4040", 0.35, "420111:3 420115:1", 5 },
	/* biomedicine: Suzhou Industrial Park, Beijing Changping and Daxing, Zhangjiang */
	{ "2710 2720 2730 2740 2761 2762 2770 358", 0.22, "320506:2 320505:1.5 110114:1.5 110115:1.5 310115:1.5", 6 },
	/* wind equipment: Xinjiang, Inner Mongolia, Yancheng offshore */
	{ "3415", 0.45, "650100:2 650502:1.5 150200:1.5 150100:1 320900:1", 10 },
	/* photovoltaics: Wuxi, Changzhou, Jiaxing */
	{ "3825", 0.40, "320200:2 320400:2 330400:1.5", 8 },
	/* new materials: Ningbo */
	{ "2651 2652 2653 2659 3091 3240", 0.20, "330200:1", 10 },
	/* rare earths: Baotou, Ganzhou */
	{ "3232", 0.55, "150200:3 360700:1", 10 },
	/* aerospace: Xi'an Yanliang, Chengdu, Shenyang */
	{ "374", 0.50, "610114:2 610100:1 510100:2 210100:1", 8 },
	/* rail transit equipment: Zhuzhou, Changchun, Qingdao */
	{ "371 372", 0.45, "430211:3 220100:1.5 370212:1", 6 },
	/* ships and offshore engineering: Dalian, Nantong, Zhoushan, Shanghai */
	{ "373", 0.40, "210200:1.5 320600:1.5 330900:1 310115:1", 10 },
	/* construction machinery: Changsha, Xuzhou */
	{ "3514 3511", 0.35, "430100:2 320300:2", 8 },
	/* refining: Dongying, Ningbo Zhenhai, Dalian */
	{ "2511", 0.35, "370500:2 330211:1.5 210200:1.5", 10 },
	/* steel: Tangshan */
	{ "311 312 313", 0.25, "130200:1", 12 },
	/* coal: Shanxi, Ordos, Yulin */
	{ "061", 0.65, "140200:1 150600:2 610800:2 140400:1 140500:1", 25 },
	/* oil and gas: Daqing, Dongying, Karamay, Yan'an */
	{ "071 072", 0.75, "230600:2 370500:1.5 650200:1.5 610600:1", 25 },
	/* car parts: Changchun, Jiading, Wuhan, Guangzhou */
	{ "3670", 0.15, "220100:1 310114:1 420100:1 440100:1", 10 },
};
#define NHUBS (sizeof hub_infos / sizeof hub_infos[0])

/* The 31 mainland provincial divisions: share of national industrial value
** added around 2019 (percent) and the short name used in company names. */
struct province_info {
	const char *code;
	const char *short_name;
	double weight;
};

static const struct province_info province_infos[] = {
	{ "110000", "北京", 1.4 },  { "120000", "天津", 1.6 },   { "130000", "河北", 3.3 },
	{ "140000", "山西", 1.9 },  { "150000", "内蒙古", 1.8 }, { "210000", "辽宁", 2.4 },
	{ "220000", "吉林", 1.0 },  { "230000", "黑龙江", 0.9 }, { "310000", "上海", 3.0 },
	{ "320000", "江苏", 11.0 }, { "330000", "浙江", 7.0 },   { "340000", "安徽", 3.3 },
	{ "350000", "福建", 4.5 },  { "360000", "江西", 2.3 },   { "370000", "山东", 7.0 },
	{ "410000", "河南", 5.0 },  { "420000", "湖北", 4.0 },   { "430000", "湖南", 3.5 },
	{ "440000", "广东", 12.0 }, { "450000", "广西", 1.6 },   { "460000", "海南", 0.17 },
	{ "500000", "重庆", 2.0 },  { "510000", "四川", 3.5 },   { "520000", "贵州", 1.1 },
	{ "530000", "云南", 1.2 },  { "540000", "西藏", 0.05 },  { "610000", "陕西", 2.3 },
	{ "620000", "甘肃", 0.55 }, { "630000", "青海", 0.25 },  { "640000", "宁夏", 0.35 },
	{ "650000", "新疆", 1.0 },
};
#define NPROVINCES (sizeof province_infos / sizeof province_infos[0])

/* Prefectures weighted above the default of 1 (capitals default to 3). */
static const char prefecture_weights[] =
	"440300:8 440100:5 440600:5 441900:5 441300:2 442000:2 440700:1.5 440400:1.5 440500:1.2 "
	"320500:8 320200:4 320100:3.5 320400:3 320600:3 320300:2 321000:2 321200:2 321100:1.5 320900:1.5 "
	"330100:4 330200:4 330400:2.5 330600:2.5 330300:2 330500:1.5 330700:1.5 331000:1.5 "
	"370200:3 370100:2.5 370600:2.5 370700:2 370300:2 370800:1.5 371300:1.5 370500:1.5 "
	"410100:4 410300:2 420100:5 420600:2 420500:2 510100:6 510700:1.5 510600:1.5 "
	"430100:4 430200:1.5 340100:5 340200:2 350200:2.5 350100:2.5 350500:3.5 "
	"130100:2.5 130200:3 130600:1.5 210100:3 210200:3.5 610100:5 610800:2 "
	"150200:2.5 150100:2 150600:2.5 650100:3 650200:1.5 140100:3 220100:4 "
	"230100:3 230600:2 450200:3 450100:2.5 530100:4 520100:3 620100:3 360100:3 360700:1.5 "
	"630100:4 640100:3 540100:4 460100:3";

/* Growth of real output a year by the area of the primary category (index
** 0: not SEI), before calibration. */
static const double area_growth[10] = { 0.040, 0.10, 0.075, 0.065, 0.08, 0.25, 0.12, 0.065, 0.07, 0.08 };

/* Syllables of trade names. */
static const char *const trade_chars[] = {
	"华", "恒", "新", "瑞", "金", "盛", "泰", "宏", "鑫", "德", "信", "安", "达", "丰", "海",
	"天", "远", "博", "通", "科", "中", "联", "昌", "隆", "兴", "荣", "东", "方", "明", "光",
	"伟", "嘉", "正", "诚", "汇", "润", "永", "康", "豪", "凯", "创", "宇", "腾", "益", "立",
	"合", "鼎", "晨", "宝", "运", "亿", "鸿", "旭", "晟", "弘", "峰", "源", "力", "捷", "威",
};
#define NTRADE (sizeof trade_chars / sizeof trade_chars[0])

#define SHARE_DECLARING 0.18 /* of enterprises in a class linked only in part */

/* -------------------------------------------------------------- the state */

struct klass {
	const char *code;
	int division;          /* index into divisions[] */
	const char *words;
	int hub;               /* index into hub_infos, -1 */
	const char *partial[16]; /* categories the class is linked to in part */
	int npartial;
	int full;              /* 1: linked in full to some category */
};

struct place {
	size_t region;         /* index into cat->regions */
	double weight;
};

struct hub {
	double share, scatter_km;
	struct place *places;  /* resolved places; region may be a county or a prefecture */
	double *cum;
	size_t nplaces;
};

struct prefecture {
	size_t region;
	size_t province;       /* index into the province list */
	size_t first_county, ncounties;
};

/* One enterprise's numbers that outlive its drawing. */
struct firm {
	double level;          /* real value added a year, at the prices of the first year */
	double growth;         /* real growth a year */
	double va_ratio, rev_ratio, rd_rate, export_share, inv_rate, emp_base;
	int start, stop;       /* months reported: [start, stop) from the first period */
	int division;          /* index into divisions[] */
	int sei;
};

struct gen {
	const struct ec_catalog *cat;
	struct ec_demo_opts o;
	int nmonths, nyears, first_year;
	double mu, sigma, entry_share;
	/* classes */
	struct klass *classes;
	double *class_cum;
	size_t nclasses;
	/* regions */
	size_t province_region[NPROVINCES];
	double province_cum[NPROVINCES];
	struct prefecture *prefs;
	double *pref_cum;      /* cumulative within a province, by prefecture index */
	size_t *prov_first, *prov_count; /* prefectures of a province: a run in prefs */
	size_t nprefs;
	size_t *counties;      /* region indexes, grouped by prefecture */
	double *county_cum;
	size_t ncounties;
	size_t *pref_of_region; /* region index -> prefecture index, or SIZE_MAX */
	struct hub hubs[NHUBS];
	/* deflators and prices, [division index * nmonths + t] */
	double *ppi, *price;
	double season[64][12];
	/* per enterprise */
	struct firm *firms;
	double *va;            /* [i * nmonths + t], current prices, final */
	double *rev_prev;      /* revenue of the last year finished */
};

static double class_weight(const char *code, const char **words)
{
	for (size_t i = 0; i < sizeof class_infos / sizeof class_infos[0]; i++)
		if (strncmp(code, class_infos[i].prefix, strlen(class_infos[i].prefix)) == 0) {
			if (class_infos[i].words)
				*words = class_infos[i].words;
			return class_infos[i].weight;
		}
	return 1.0;
}

static int code_in_list(const char *code, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, " ");
		if (n > 0 && strncmp(code, p, n) == 0)
			return 1;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* Picks from a cumulative weight table by a uniform draw. */
static size_t pick(const double *cum, size_t n, double u)
{
	double x = u * cum[n - 1];
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int division_index(int code)
{
	for (size_t i = 0; i < NDIVISIONS; i++)
		if (divisions[i].code == code)
			return (int)i;
	return -1;
}

static int setup_classes(struct gen *g, char **err)
{
	const struct ec_catalog *cat = g->cat;
	double total = 0;

	g->classes = ec_calloc(cat->nindustries, sizeof *g->classes);
	g->class_cum = ec_calloc(cat->nindustries, sizeof *g->class_cum);
	/* Count the classes of each division first: a division's share is
	** spread over its classes. */
	int nper[NDIVISIONS] = { 0 };
	for (size_t i = 0; i < cat->nindustries; i++) {
		const struct ec_industry *in = &cat->industries[i];
		int d;
		if (in->level != EC_CLASS || strlen(in->code) != 4)
			continue;
		d = division_index((in->code[0] - '0') * 10 + (in->code[1] - '0'));
		if (d >= 0)
			nper[d]++;
	}
	double wsum[NDIVISIONS] = { 0 };
	for (size_t i = 0; i < cat->nindustries; i++) {
		const struct ec_industry *in = &cat->industries[i];
		const char *words;
		int d;
		if (in->level != EC_CLASS || strlen(in->code) != 4)
			continue;
		d = division_index((in->code[0] - '0') * 10 + (in->code[1] - '0'));
		if (d < 0)
			continue;
		words = divisions[d].words;
		wsum[d] += class_weight(in->code, &words);
	}
	for (size_t i = 0; i < cat->nindustries; i++) {
		const struct ec_industry *in = &cat->industries[i];
		struct klass *k = &g->classes[g->nclasses];
		struct ec_classification cl;
		char bad[16];
		int d;

		if (in->level != EC_CLASS || strlen(in->code) != 4)
			continue;
		d = division_index((in->code[0] - '0') * 10 + (in->code[1] - '0'));
		if (d < 0)
			continue;
		k->code = in->code;
		k->division = d;
		k->words = divisions[d].words;
		k->hub = -1;
		total += divisions[d].count_pct * class_weight(in->code, &k->words) / wsum[d];
		g->class_cum[g->nclasses] = total;
		for (size_t h = 0; h < NHUBS; h++)
			if (code_in_list(in->code, hub_infos[h].classes)) {
				k->hub = (int)h;
				break;
			}
		if (ec_classify(cat, in->code, "", &cl, bad, sizeof bad) == EC_OK) {
			for (size_t m = 0; m < cl.nmatches; m++) {
				if (!cl.matches[m].partial)
					k->full = 1;
				else if (k->npartial < 16)
					k->partial[k->npartial++] = cl.matches[m].category->code;
			}
		}
		g->nclasses++;
	}
	if (g->nclasses == 0) {
		*err = ec_strdup("the catalogue holds no industry classes of divisions 06 to 46");
		return EC_EDATA;
	}
	return EC_OK;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static double prefecture_weight(const struct ec_region *r)
{
	const char *p = prefecture_weights;

	while (*p) {
		if (strncmp(p, r->code, 6) == 0 && p[6] == ':')
			return strtod(p + 7, NULL);
		p += strcspn(p, " ");
		while (*p == ' ')
			p++;
	}
	if (strcmp(r->code + 2, "0100") == 0)
		return 3.0; /* a capital */
	if (ends_with(r->name_zh, "市") || ends_with(r->name_zh, "市辖区"))
		return 1.0;
	return 0.4; /* a prefecture (地区), league or autonomous prefecture */
}

static double county_weight(const struct ec_region *r)
{
	if (ends_with(r->name_zh, "区"))
		return 1.5;
	if (ends_with(r->name_zh, "市"))
		return 1.2;
	return 0.6;
}

static int setup_regions(struct gen *g, char **err)
{
	const struct ec_catalog *cat = g->cat;
	double total = 0;

	g->pref_of_region = ec_malloc(cat->nregions * sizeof *g->pref_of_region);
	for (size_t i = 0; i < cat->nregions; i++)
		g->pref_of_region[i] = SIZE_MAX;
	g->prefs = ec_calloc(cat->nregions, sizeof *g->prefs);
	g->pref_cum = ec_calloc(cat->nregions, sizeof *g->pref_cum);
	g->prov_first = ec_calloc(NPROVINCES, sizeof *g->prov_first);
	g->prov_count = ec_calloc(NPROVINCES, sizeof *g->prov_count);
	g->counties = ec_calloc(cat->nregions, sizeof *g->counties);
	g->county_cum = ec_calloc(cat->nregions, sizeof *g->county_cum);

	for (size_t p = 0; p < NPROVINCES; p++) {
		const struct ec_region *pr = ec_catalog_find_region(cat, province_infos[p].code, 6);
		double psum = 0;

		g->prov_first[p] = g->nprefs;
		g->province_region[p] = pr ? (size_t)(pr - cat->regions) : SIZE_MAX;
		for (size_t i = 0; pr && i < cat->nregions; i++) {
			const struct ec_region *r = &cat->regions[i];
			struct prefecture *pf;
			double csum = 0;

			if (r->level != EC_PREFECTURE || strcmp(r->parent, pr->code) != 0)
				continue;
			pf = &g->prefs[g->nprefs];
			pf->region = i;
			pf->province = p;
			pf->first_county = g->ncounties;
			for (size_t c = 0; c < cat->nregions; c++) {
				const struct ec_region *cr = &cat->regions[c];
				if (cr->level != EC_COUNTY || strcmp(cr->parent, r->code) != 0)
					continue;
				csum += county_weight(cr);
				g->counties[g->ncounties] = c;
				g->county_cum[g->ncounties] = csum;
				g->ncounties++;
			}
			pf->ncounties = g->ncounties - pf->first_county;
			psum += prefecture_weight(r);
			g->pref_cum[g->nprefs] = psum;
			g->pref_of_region[i] = g->nprefs;
			g->nprefs++;
		}
		g->prov_count[p] = g->nprefs - g->prov_first[p];
		if (g->prov_count[p] > 0)
			total += province_infos[p].weight;
		g->province_cum[p] = total;
	}
	if (total <= 0) {
		*err = ec_strdup("the catalogue holds none of the 31 provinces and their prefectures");
		return EC_EDATA;
	}
	/* Hubs: keep the places the catalogue knows. */
	for (size_t h = 0; h < NHUBS; h++) {
		struct hub *hb = &g->hubs[h];
		const char *p = hub_infos[h].places;
		double sum = 0;

		hb->share = hub_infos[h].share;
		hb->scatter_km = hub_infos[h].scatter_km;
		hb->places = ec_calloc(16, sizeof *hb->places);
		hb->cum = ec_calloc(16, sizeof *hb->cum);
		while (*p && hb->nplaces < 16) {
			const struct ec_region *r = ec_catalog_find_region(cat, p, 6);
			size_t idx = r ? (size_t)(r - cat->regions) : SIZE_MAX;
			int usable = 0;
			if (r && r->level == EC_PREFECTURE && g->pref_of_region[idx] != SIZE_MAX)
				usable = 1;
			if (r && r->level == EC_COUNTY) {
				const struct ec_region *pr = ec_catalog_find_region(cat, r->parent, strlen(r->parent));
				usable = pr && g->pref_of_region[pr - cat->regions] != SIZE_MAX;
			}
			if (usable) {
				sum += strtod(p + 7, NULL);
				hb->places[hb->nplaces].region = idx;
				hb->cum[hb->nplaces] = sum;
				hb->nplaces++;
			}
			p += strcspn(p, " ");
			while (*p == ' ')
				p++;
		}
		if (hb->nplaces == 0)
			hb->share = 0;
	}
	return EC_OK;
}

static void setup_prices(struct gen *g)
{
	int nm = g->nmonths;

	g->ppi = ec_malloc(NDIVISIONS * (size_t)nm * sizeof *g->ppi);
	g->price = ec_malloc(NDIVISIONS * (size_t)nm * sizeof *g->price);
	for (size_t d = 0; d < NDIVISIONS; d++)
		for (int t = 0; t < nm; t++) {
			int period = g->o.first_period + t;
			double all = ec_demo_ppi_all(period);
			/* Division noise is public data: it does not depend on the seed. */
			double noise = 0.5 * (hash_uniform(0x70717070ULL, d, period, 1) - 0.5);
			double v = 100.0 + divisions[d].ppi_beta * (all - 100.0) + divisions[d].ppi_offset + noise;
			size_t at = d * (size_t)nm + (size_t)t;
			g->ppi[at] = round1(v < 30.0 ? 30.0 : v);
			g->price[at] = t < 12 ? 1.0 : g->price[at - 12] * g->ppi[at] / 100.0;
		}
	for (int y = 0; y < g->nyears && y < 64; y++)
		for (int m = 0; m < 12; m++)
			g->season[y][m] = season(g->first_year + y, m + 1);
}

/* ------------------------------------------------------- one enterprise */

static void pick_word(const char *list, double u, char *out, size_t size)
{
	size_t n = 1, k;
	const char *p = list;

	for (const char *q = list; *q; q++)
		if (*q == '|')
			n++;
	k = (size_t)(u * (double)n);
	if (k >= n)
		k = n - 1;
	while (k-- > 0)
		p = strchr(p, '|') + 1;
	snprintf(out, size, "%.*s", (int)strcspn(p, "|"), p);
}

/* The place part of a company name: the city without 市, sometimes with it;
** the province for municipalities and for non-city prefectures. */
static void place_name(const struct gen *g, const struct prefecture *pf, const struct ec_region *county,
		       double u, char *out, size_t size)
{
	const struct ec_region *r = &g->cat->regions[pf->region];
	const char *prov = province_infos[pf->province].short_name;
	const char *name = r->name_zh;
	int with_shi = u < 0.45;

	if (ends_with(name, "市辖区") || strncmp(r->code + 2, "9000", 4) == 0) {
		if (strncmp(r->code + 2, "9000", 4) == 0 && county)
			name = county->name_zh; /* a province-administered city: 济源市 */
		else
			name = NULL;
	}
	if (name && ends_with(name, "市") && strlen(name) > 3) {
		snprintf(out, size, "%.*s%s", (int)(strlen(name) - 3), name, with_shi ? "市" : "");
		return;
	}
	if (!name && with_shi && strlen(prov) == 6 &&
	    (strcmp(r->code, "110100") == 0 || strcmp(r->code, "120100") == 0 || strcmp(r->code, "310100") == 0 ||
	     strcmp(r->code, "500100") == 0)) {
		snprintf(out, size, "%s市", prov);
		return;
	}
	snprintf(out, size, "%s", prov);
}

/* The organisation code part of the USCC (GB 11714: 8 characters and a
** check character), unique per enterprise: a bijection of the index. */
static void org_code(int64_t i, uint64_t seed, int modern, char out[10])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, c;

	if (modern) {
		/* post-2015 codes: "MA" and six characters */
		const uint64_t range = 887503681ULL; /* 31^6 */
		uint64_t x = ((uint64_t)i * 1000003ULL + seed % range) % range;
		out[0] = 'M';
		out[1] = 'A';
		for (int k = 7; k >= 2; k--) {
			out[k] = alphabet[x % 31];
			x /= 31;
		}
	} else {
		const uint64_t range = 100000000ULL;
		uint64_t x = ((uint64_t)i * 48271ULL + seed % range) % range;
		for (int k = 7; k >= 0; k--) {
			out[k] = (char)('0' + (int)(x % 10));
			x /= 10;
		}
	}
	for (int k = 0; k < 8; k++) {
		int v = out[k] >= 'A' ? out[k] - 'A' + 10 : out[k] - '0';
		sum += v * w[k];
	}
	c = 11 - sum % 11;
	out[8] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	out[9] = '\0';
}

static int area_of(const char *code)
{
	long a = strtol(code, NULL, 10);
	return a >= 1 && a <= 9 ? (int)a : 0;
}

/* Where the enterprise of class k is: an agglomeration of its class, or a
** province, prefecture and county drawn by weight; e gets its region and
** coordinates (scattered around the place), *pf and *county (NULL when the
** prefecture has none) the place for its name. */
static void draw_place(const struct gen *g, struct rng *r, const struct klass *k, struct ec_enterprise *e,
		       const struct prefecture **pf /* OUT */, const struct ec_region **county /* OUT */)
{
	const struct ec_catalog *cat = g->cat;
	const struct ec_region *at;
	double scatter = 6.0, u, lat, lon, dx, dy;
	size_t ci;

	*county = NULL;
	u = rng_uniform(r);
	if (k->hub >= 0 && u < g->hubs[k->hub].share) {
		const struct hub *hb = &g->hubs[k->hub];
		const struct ec_region *pl = &cat->regions[hb->places[pick(hb->cum, hb->nplaces, rng_uniform(r))].region];
		scatter = hb->scatter_km;
		if (pl->level == EC_COUNTY) {
			*county = pl;
			*pf = &g->prefs[g->pref_of_region[ec_catalog_find_region(cat, pl->parent, strlen(pl->parent)) -
							  cat->regions]];
			(void)rng_uniform(r);
		} else {
			*pf = &g->prefs[g->pref_of_region[pl - cat->regions]];
			if ((*pf)->ncounties > 0) {
				ci = (*pf)->first_county +
				     pick(g->county_cum + (*pf)->first_county, (*pf)->ncounties, rng_uniform(r));
				*county = &cat->regions[g->counties[ci]];
			} else {
				(void)rng_uniform(r);
			}
		}
	} else {
		size_t p = pick(g->province_cum, NPROVINCES, rng_uniform(r));
		size_t pi = g->prov_first[p] + pick(g->pref_cum + g->prov_first[p], g->prov_count[p], rng_uniform(r));
		*pf = &g->prefs[pi];
		if ((*pf)->ncounties > 0) {
			ci = (*pf)->first_county + pick(g->county_cum + (*pf)->first_county, (*pf)->ncounties, rng_uniform(r));
			*county = &cat->regions[g->counties[ci]];
		} else {
			(void)rng_uniform(r);
		}
	}
	at = *county && !isnan((*county)->lat) && !isnan((*county)->lon) ? *county : &cat->regions[(*pf)->region];
	if (!*county)
		scatter *= 2.5; /* a prefecture-level city without counties: spread wider */
	snprintf(e->region, sizeof e->region, "%s", *county ? (*county)->code : cat->regions[(*pf)->region].code);
	dx = rng_normal(r) * scatter;
	dy = rng_normal(r) * scatter;
	lat = isnan(at->lat) ? 35.0 : at->lat;
	lon = isnan(at->lon) ? 110.0 : at->lon;
	e->lat = round(((lat + dy / 111.0)) * 10000.0) / 10000.0;
	e->lon = round((lon + dx / (111.0 * cos(lat * 0.017453292519943295))) * 10000.0) / 10000.0;
}

/* SEI categories: declared for a share of the classes linked in part;
** testing and R&D services declared by some instrument makers and drug
** makers. e gets the declared and the primary category, f whether it is
** SEI. */
static void draw_categories(const struct gen *g, struct rng *r, const struct klass *k, const struct division_info *dv,
			    struct ec_enterprise *e, struct firm *f)
{
	const struct ec_catalog *cat = g->cat;
	struct ec_classification cl;
	char bad[16];
	double u = rng_uniform(r);

	if (!k->full && k->npartial > 0 && u < SHARE_DECLARING) {
		const char *c1 = k->partial[(size_t)(rng_uniform(r) * (double)k->npartial) % (size_t)k->npartial];
		const char *c2 = k->partial[(size_t)(rng_uniform(r) * (double)k->npartial) % (size_t)k->npartial];
		if (u < SHARE_DECLARING * 0.15 && strcmp(c1, c2) != 0)
			snprintf(e->sei_categories, sizeof e->sei_categories, "%s;%s", c1, c2);
		else
			snprintf(e->sei_categories, sizeof e->sei_categories, "%s", c1);
	} else {
		(void)rng_uniform(r);
		(void)rng_uniform(r);
	}
	u = rng_uniform(r);
	if (dv->code == 40 && u < 0.06 && ec_catalog_find_category(cat, "9.1.2", 5))
		snprintf(e->sei_categories, sizeof e->sei_categories, "9.1.2");
	else if (dv->code == 27 && u < 0.04 && ec_catalog_find_category(cat, "9.1.1", 5))
		snprintf(e->sei_categories, sizeof e->sei_categories, "9.1.1");
	if (ec_classify(cat, e->industry, e->sei_categories, &cl, bad, sizeof bad) == EC_OK && cl.primary)
		snprintf(e->sei_primary, sizeof e->sei_primary, "%s", cl.primary->code);
	f->sei = e->sei_primary[0] != '\0';
}

/* Size and ratios: a lognormal revenue a year by division (smaller for an
** entrant), and from it f's value added, growth, R&D, exports, investment
** and employees. Returns the revenue a year. */
static double draw_size(const struct gen *g, struct rng *r, const struct division_info *dv, int entrant,
			const struct ec_enterprise *e, struct firm *f)
{
	double z = rng_normal(r), log_rev, rev, u;

	log_rev = g->mu + log(dv->size) + g->sigma * z;
	if (entrant)
		log_rev -= 0.35;
	rev = exp(log_rev);
	f->va_ratio = dv->va_ratio + 0.04 * (2.0 * rng_uniform(r) - 1.0);
	if (f->va_ratio < 0.20)
		f->va_ratio = 0.20;
	if (f->va_ratio > 0.35)
		f->va_ratio = 0.35;
	f->rev_ratio = 0.95 + 0.07 * rng_uniform(r);
	f->level = rev * f->va_ratio / f->rev_ratio;
	f->growth = area_growth[area_of(e->sei_primary)] + 0.06 * rng_normal(r);
	u = rng_uniform(r);
	if (f->sei)
		f->rd_rate = 0.03 + 0.05 * u;
	else if (u < 0.3 && rev < 20000)
		f->rd_rate = 0;
	else
		f->rd_rate = 0.005 + 0.01 * rng_uniform(r);
	u = rng_uniform(r);
	f->export_share = u < dv->export_p ? dv->export_share * 3.0 * rng_uniform(r) : 0;
	if (f->export_share > 0.9)
		f->export_share = 0.9;
	f->inv_rate = 0.03 + 0.09 * rng_uniform(r);
	f->emp_base = rev / (dv->productivity * exp(0.3 * rng_normal(r)));
	if (f->emp_base < 3)
		f->emp_base = 3;
	return rev;
}

/* Founding, entry and exit: an entrant is founded within the periods and
** reports from the month after; the others are older, the larger ones
** more so. e gets the founding date, f its months [start, stop). Returns
** the founding year. */
static int draw_life(const struct gen *g, struct rng *r, int entrant, double rev, struct ec_enterprise *e,
		     struct firm *f)
{
	int founded, fd;
	double hazard, months;

	if (entrant) {
		founded = g->o.first_period + (int)(rng_uniform(r) * (double)g->nmonths);
		f->start = founded - g->o.first_period + 1;
	} else {
		double age = 1.0 + -log(1.0 - rng_uniform(r)) * (rev > 20000 ? 14.0 : 9.0);
		if (age > 45)
			age = 45;
		founded = ec_period_make(g->first_year - (int)age, 1 + (int)(rng_uniform(r) * 12.0));
		f->start = 0;
	}
	fd = 1 + (int)(rng_uniform(r) * 28.0);
	ec_period_format(founded, e->founded);
	e->founded[7] = '-';
	e->founded[8] = (char)('0' + fd / 10);
	e->founded[9] = (char)('0' + fd % 10);
	e->founded[10] = '\0';
	hazard = rev >= 20000 ? 0.015 : 0.035;
	months = -log(1.0 - rng_uniform(r)) / hazard * 12.0;
	f->stop = months >= (double)(g->nmonths - f->start) ? g->nmonths : f->start + (int)months;
	return ec_period_year(founded);
}

/* The company name (place, two trade syllables, a word of the class and a
** legal form) and the USCC of enterprise i, founded in year founded_year;
** e gets both and its id. */
static void draw_name(const struct gen *g, struct rng *r, int64_t i, const struct prefecture *pf,
		      const struct ec_region *county, const struct klass *k, const struct division_info *dv,
		      double rev, int founded_year, struct ec_enterprise *e)
{
	char place[64], field[64], org[10], prefix[18];
	const char *suffix = "有限公司";
	size_t a, b;
	double u;

	place_name(g, pf, county, rng_uniform(r), place, sizeof place);
	pick_word(k->words, rng_uniform(r), field, sizeof field);
	a = (size_t)(rng_uniform(r) * (double)NTRADE) % NTRADE;
	b = (size_t)(rng_uniform(r) * (double)NTRADE) % NTRADE;
	u = rng_uniform(r);
	if (b == a)
		b = (b + 7) % NTRADE;
	if (rev > 500000 && u < 0.5)
		suffix = "股份有限公司";
	else if ((dv->code <= 12 || dv->code >= 44) && u < 0.3)
		suffix = "有限责任公司";
	snprintf(e->name, sizeof e->name, "%s%s%s%s%s", place, trade_chars[a], trade_chars[b], field, suffix);
	org_code(i, g->o.seed, founded_year >= 2015, org);
	snprintf(prefix, sizeof prefix, "91%.6s%.9s", e->region, org);
	memcpy(e->uscc, prefix, 17);
	e->uscc[17] = ec_uscc_check_char(prefix);
	e->uscc[18] = '\0';
	e->id = i + 1;
}

/* Draws enterprise i: its record and its numbers. A pure function of the
** seed and i: one random stream per enterprise, drawn from in this order. */
static void draw(const struct gen *g, int64_t i, struct ec_enterprise *e, struct firm *f)
{
	struct rng r;
	const struct klass *k;
	const struct division_info *dv;
	const struct prefecture *pf;
	const struct ec_region *county;
	double rev;
	int entrant, founded_year;

	memset(e, 0, sizeof *e);
	memset(f, 0, sizeof *f);
	rng_seed(&r, g->o.seed, (uint64_t)i);

	/* industry class */
	entrant = rng_uniform(&r) < g->entry_share;
	k = &g->classes[pick(g->class_cum, g->nclasses, rng_uniform(&r))];
	dv = &divisions[k->division];
	f->division = k->division;
	snprintf(e->industry, sizeof e->industry, "%s", k->code);

	draw_place(g, &r, k, e, &pf, &county);
	draw_categories(g, &r, k, dv, e, f);
	rev = draw_size(g, &r, dv, entrant, e, f);
	founded_year = draw_life(g, &r, entrant, rev, e, f);
	draw_name(g, &r, i, pf, county, k, dv, rev, founded_year, e);
}

/* --------------------------------------------------------- monthly values */

static double ramp(const struct firm *f, int t)
{
	double s;

	if (f->start == 0)
		return 1.0;
	s = 0.35 + 0.65 * (double)(t - f->start) / 12.0;
	return s > 1.0 ? 1.0 : s;
}

/* The report of firm i for month t whose value added is va. Every figure is
** derived from va and counter-based draws, so the sums of the calibration
** and the records handed out agree exactly. */
static void report_make(const struct gen *g, const struct firm *f, int64_t i, int t, double va, struct ec_report *r)
{
	uint64_t seed = g->o.seed, ui = (uint64_t)i;
	double lambda, years;

	r->period = g->o.first_period + t;
	r->value_added = va;
	r->output = round1(va / f->va_ratio);
	r->revenue = round1(r->output * f->rev_ratio * (1.0 + 0.03 * (2.0 * hash_uniform(seed, ui, t, 2) - 1.0)));
	if (r->revenue < 0)
		r->revenue = 0;
	years = (double)t / 12.0;
	r->employees = (int64_t)llround(f->emp_base * pow(1.0 + f->growth * 0.4, years) * ramp(f, t) *
					(1.0 + 0.01 * (2.0 * hash_uniform(seed, ui, t, 3) - 1.0)));
	if (r->employees < 1)
		r->employees = 1;
	r->rd_expense = round1(r->revenue * f->rd_rate * (0.6 + 0.8 * hash_uniform(seed, ui, t, 4)));
	/* one patent granted for about two million yuan of R&D */
	lambda = r->rd_expense / 2000.0;
	{
		double u = hash_uniform(seed, ui, t, 5);
		if (lambda < 30) {
			double p = exp(-lambda), c = p;
			int64_t n = 0;
			while (u > c && n < 200) {
				n++;
				p *= lambda / (double)n;
				c += p;
			}
			r->patents = n;
		} else {
			double n = round(lambda + sqrt(lambda) * hash_normal(seed, ui, t, 6));
			r->patents = n < 0 ? 0 : (int64_t)n;
		}
	}
	/* investment comes in lumps: half the months none */
	{
		double u = hash_uniform(seed, ui, t, 7);
		r->investment = u < 0.5 ? 0 : round1(r->revenue * f->inv_rate * 2.0 * -log(1.0 - hash_uniform(seed, ui, t, 8)));
	}
	r->exports = round1(r->revenue * f->export_share * (0.9 + 0.2 * hash_uniform(seed, ui, t, 9)));
}

static double revenue_of(const struct gen *g, const struct firm *f, int64_t i, int t, double va)
{
	double output = round1(va / f->va_ratio);
	double rev = round1(output * f->rev_ratio * (1.0 + 0.03 * (2.0 * hash_uniform(g->o.seed, (uint64_t)i, t, 2) - 1.0)));
	return rev < 0 ? 0 : rev;
}

/* Raw value added of year y (0-based) at current prices, before
** calibration. */
static void generate_year(struct gen *g, int y)
{
	int nm = g->nmonths;

	for (int64_t i = 0; i < g->o.enterprises; i++) {
		struct firm *f = &g->firms[i];
		double *va = g->va + (size_t)i * (size_t)nm;

		if (y > 0)
			f->level *= (1.0 + f->growth) * exp(0.04 * hash_normal(g->o.seed, (uint64_t)i, y, 10));
		for (int m = 0; m < 12; m++) {
			int t = y * 12 + m;
			if (t < f->start || t >= f->stop) {
				va[t] = 0;
				continue;
			}
			va[t] = f->level / 12.0 * g->season[y][m] * g->price[(size_t)f->division * (size_t)nm + (size_t)t] *
				ramp(f, t) * exp(0.05 * hash_normal(g->o.seed, (uint64_t)i, t, 11) - 0.00125);
		}
	}
}

/* Scales year y (1-based at least) so that the sample of enterprises above
** size (by revenue of year y-1) grows as published, month by month, for SEI
** and for all industry; the rest of industry takes what all industry leaves. */
static void calibrate_year(struct gen *g, int y)
{
	int nm = g->nmonths, year = g->first_year + y;
	double base[2][12] = { { 0 } }, real[2][12] = { { 0 } }, factor[2][12];
	double cum_base[2] = { 0, 0 }, prev_target[2] = { 0, 0 }, persist[2] = { 0, 0 };

	for (int64_t i = 0; i < g->o.enterprises; i++) {
		const struct firm *f = &g->firms[i];
		const double *va = g->va + (size_t)i * (size_t)nm;
		if (g->rev_prev[i] < g->o.above_size)
			continue;
		for (int m = 0; m < 12; m++) {
			int t = y * 12 + m;
			base[f->sei][m] += va[t - 12];
			real[f->sei][m] += va[t] / (g->ppi[(size_t)f->division * (size_t)nm + (size_t)t] / 100.0);
		}
	}
	for (int m = 0; m < 12; m++) {
		double all_pct, sei_pct, target_all_real, target_sei_real, cum_all, cum_sei;
		ec_demo_target(year, m + 1, &all_pct, &sei_pct);
		cum_base[0] += base[0][m] + base[1][m]; /* all */
		cum_base[1] += base[1][m];              /* SEI */
		cum_all = (1.0 + all_pct / 100.0) * cum_base[0];
		cum_sei = (1.0 + sei_pct / 100.0) * cum_base[1];
		target_all_real = cum_all - prev_target[0];
		target_sei_real = cum_sei - prev_target[1];
		prev_target[0] = cum_all;
		prev_target[1] = cum_sei;
		factor[1][m] = real[1][m] > 0 && target_sei_real > 0 ? target_sei_real / real[1][m] : 1.0;
		factor[0][m] = real[0][m] > 0 && target_all_real - target_sei_real > 0
				       ? (target_all_real - target_sei_real) / real[0][m]
				       : 1.0;
	}
	/* what the second half of the year needed carries on into the level */
	for (int m = 6; m < 12; m++) {
		persist[0] += factor[0][m] / 6.0;
		persist[1] += factor[1][m] / 6.0;
	}
	for (int64_t i = 0; i < g->o.enterprises; i++) {
		struct firm *f = &g->firms[i];
		double *va = g->va + (size_t)i * (size_t)nm;
		for (int m = 0; m < 12; m++)
			va[y * 12 + m] *= factor[f->sei][m];
		f->level *= persist[f->sei];
	}
}

static void finish_year(struct gen *g, int y, int last, struct ec_demo_stats *stats)
{
	int nm = g->nmonths;
	double sei_va = 0, all_va = 0;
	int64_t above = 0;

	for (int64_t i = 0; i < g->o.enterprises; i++) {
		const struct firm *f = &g->firms[i];
		double *va = g->va + (size_t)i * (size_t)nm;
		double rev = 0, year_va = 0;
		int in_sample = g->rev_prev[i] >= g->o.above_size;

		for (int m = 0; m < 12; m++) {
			int t = y * 12 + m;
			if (t < f->start || t >= f->stop)
				continue;
			va[t] = round1(va[t]);
			rev += revenue_of(g, f, i, t, va[t]);
			year_va += va[t];
		}
		if (last && in_sample) {
			above++;
			all_va += year_va;
			if (f->sei)
				sei_va += year_va;
		}
		g->rev_prev[i] = rev;
	}
	if (last) {
		stats->above_size_last = above;
		stats->sei_share_last = all_va > 0 ? 100.0 * sei_va / all_va : 0;
	}
}

/* ------------------------------------------------------------- the driver */

void ec_demo_opts_init(struct ec_demo_opts *o)
{
	o->enterprises = EC_DEMO_ENTERPRISES_DEFAULT;
	o->first_period = ec_period_make(2018, 1);
	o->last_period = ec_period_make(2021, 12);
	o->seed = EC_DEMO_SEED_DEFAULT;
	o->above_size = 20000.0;
}

int ec_demo_opts_check(const struct ec_demo_opts *o, char *why, size_t size)
{
	if (o->enterprises < 1 || o->enterprises > EC_DEMO_ENTERPRISES_MAX) {
		snprintf(why, size, "the number of enterprises must be between 1 and %d", EC_DEMO_ENTERPRISES_MAX);
		return EC_EUSAGE;
	}
	if (ec_period_month(o->first_period) != 1) {
		snprintf(why, size, "the first period must be a January (whole years)");
		return EC_EUSAGE;
	}
	if (ec_period_month(o->last_period) != 12) {
		snprintf(why, size, "the last period must be a December (whole years)");
		return EC_EUSAGE;
	}
	if (o->last_period - o->first_period + 1 < 24) {
		snprintf(why, size, "the periods must span at least two whole years");
		return EC_EUSAGE;
	}
	if (o->last_period - o->first_period + 1 > 12 * 50) {
		snprintf(why, size, "the periods may span at most 50 years");
		return EC_EUSAGE;
	}
	if (!(o->above_size > 0)) {
		snprintf(why, size, "the above-size threshold must be positive");
		return EC_EUSAGE;
	}
	return EC_OK;
}

static void progress(const struct ec_demo_sink *sink, enum ec_demo_phase phase, int64_t done, int64_t total,
		     int64_t reports, int finished)
{
	if (sink->progress)
		sink->progress(sink->ctx, phase, done, total, reports, finished);
}

static void gen_release(struct gen *g)
{
	free(g->classes);
	free(g->class_cum);
	free(g->prefs);
	free(g->pref_cum);
	free(g->prov_first);
	free(g->prov_count);
	free(g->counties);
	free(g->county_cum);
	free(g->pref_of_region);
	for (size_t h = 0; h < NHUBS; h++) {
		free(g->hubs[h].places);
		free(g->hubs[h].cum);
	}
	free(g->ppi);
	free(g->price);
	free(g->firms);
	free(g->va);
	free(g->rev_prev);
}

static int emit(struct gen *g, const struct ec_demo_sink *sink, struct ec_demo_stats *stats)
{
	const struct ec_catalog *cat = g->cat;
	int nm = g->nmonths, rc;

	for (size_t d = 0; d < NDIVISIONS; d++) {
		struct ec_deflator df;
		df.division[0] = (char)('0' + divisions[d].code / 10);
		df.division[1] = (char)('0' + divisions[d].code % 10);
		df.division[2] = '\0';
		if (!ec_catalog_find_industry(cat, df.division, 2))
			continue;
		for (int t = 0; t < nm; t++) {
			df.period = g->o.first_period + t;
			df.ppi_yoy = g->ppi[d * (size_t)nm + (size_t)t];
			if ((rc = sink->deflator(sink->ctx, &df)) != 0)
				return rc;
			stats->deflators++;
		}
	}
	for (int64_t i = 0; i < g->o.enterprises; i++) {
		struct ec_enterprise e;
		struct firm scratch;
		const struct firm *f = &g->firms[i];
		const double *va = g->va + (size_t)i * (size_t)nm;

		draw(g, i, &e, &scratch);
		if ((rc = sink->enterprise(sink->ctx, &e)) != 0)
			return rc;
		stats->enterprises++;
		for (int t = f->start; t < f->stop; t++) {
			struct ec_report r;
			report_make(g, f, i, t, va[t], &r);
			r.enterprise_id = e.id;
			if ((rc = sink->report(sink->ctx, &r)) != 0)
				return rc;
			stats->reports++;
		}
		if ((i & 1023) == 0)
			progress(sink, EC_DEMO_WRITING, i, g->o.enterprises, stats->reports, 0);
	}
	progress(sink, EC_DEMO_WRITING, g->o.enterprises, g->o.enterprises, stats->reports, 1);
	return 0;
}

int ec_demo_generate(const struct ec_demo_opts *o, const struct ec_catalog *cat, const struct ec_demo_sink *sink,
		     struct ec_demo_stats *stats, char **err)
{
	struct gen g;
	char why[160];
	int rc;

	*err = NULL;
	memset(stats, 0, sizeof *stats);
	if (ec_demo_opts_check(o, why, sizeof why) != EC_OK) {
		*err = ec_strdup(why);
		return EC_EUSAGE;
	}
	memset(&g, 0, sizeof g);
	g.cat = cat;
	g.o = *o;
	g.nmonths = o->last_period - o->first_period + 1;
	g.nyears = g.nmonths / 12;
	g.first_year = ec_period_year(o->first_period);
	/* median revenue of 6.3 million yuan, so that about a fifth of the
	** enterprises are above size */
	g.mu = 8.75;
	g.sigma = 1.5;
	/* six enterprises in a hundred a year are new */
	g.entry_share = 0.06 * (double)(g.nyears - 1);
	if (g.entry_share > 0.5)
		g.entry_share = 0.5;
	if ((rc = setup_classes(&g, err)) != EC_OK || (rc = setup_regions(&g, err)) != EC_OK)
		goto out;
	setup_prices(&g);

	g.firms = ec_malloc((size_t)o->enterprises * sizeof *g.firms);
	g.va = ec_malloc((size_t)o->enterprises * (size_t)g.nmonths * sizeof *g.va);
	g.rev_prev = ec_calloc((size_t)o->enterprises, sizeof *g.rev_prev);
	for (int64_t i = 0; i < o->enterprises; i++) {
		struct ec_enterprise e;
		draw(&g, i, &e, &g.firms[i]);
		if ((i & 4095) == 0)
			progress(sink, EC_DEMO_GENERATING, 0, g.nmonths, 0, 0);
	}
	for (int y = 0; y < g.nyears; y++) {
		generate_year(&g, y);
		if (y > 0)
			calibrate_year(&g, y);
		finish_year(&g, y, y == g.nyears - 1, stats);
		progress(sink, EC_DEMO_GENERATING, (y + 1) * 12, g.nmonths, 0, 0);
	}
	rc = emit(&g, sink, stats);
out:
	gen_release(&g);
	return rc;
}
