import type { AnalysisData } from './types.js';
import { fa, num, pct, price } from './format.js';
import { LABELS } from './readings.js';

const FA = LABELS.fa;
const TREND = { up: 'صعودی', down: 'نزولی', sideways: 'خنثی (رنج)' } as const;
const ZONE = { overbought: 'اشباع خرید', oversold: 'اشباع فروش', bullish: 'مثبت', bearish: 'منفی', unknown: 'نامشخص' } as const;
const DIRECTION = { long: 'خرید (لانگ)', short: 'فروش (شورت)', neutral: 'بدون معامله' } as const;

/** The Persian summary: a few lines with the conclusions, same numbers as the English report. */
export function writePersian(d: AnalysisData): string {
  const i = d.indicators;
  const s = d.signal;
  const sup = d.levels.filter((l) => l.role === 'support').map((l) => price(l.price)).join('، ') || 'ندارد';
  const res = d.levels.filter((l) => l.role === 'resistance').map((l) => price(l.price)).join('، ') || 'ندارد';
  const lines = [
    `خلاصه تحلیل ${d.pair} در تایم‌فریم ${d.timeframe} — قیمت پایانی ${price(d.close)}.`,
    `روند: ${TREND[d.trend.direction]} ${FA.strength[d.trend.strength]} (ADX ${num(i.adx14)})؛ فاصله قیمت از EMA50 برابر ${pct(d.trend.close_vs_ema50_pct)}.`,
    `مومنتوم: RSI ${num(i.rsi14)} (${ZONE[d.momentum.rsi_zone]})، MFI ${num(i.mfi14)} (${ZONE[d.momentum.mfi_zone]}).`,
    `نوسان: ${FA.volatility[d.volatility.level]} (نسبت به میانه همین بازه)${d.volatility.atr_pct === null ? '' : `؛ ATR برابر ${num(d.volatility.atr_pct, 2)}% قیمت`}${d.volatility.bb_width_pct === null ? '' : `، پهنای باند بولینگر ${num(d.volatility.bb_width_pct, 2)}%`}.`,
    `حجم: ${d.volume.ratio_to_avg20 === null ? 'نامشخص' : `${num(d.volume.ratio_to_avg20, 2)} برابر میانگین ۲۰ کندل`}.`,
    `حمایت‌ها: ${sup} — مقاومت‌ها: ${res}.`,
    s.direction === 'neutral' || s.entry1 === null
      ? `برنامه: ${FA.setup.none} (امتیاز بازار ${s.marketScore} از ۱۰۰).`
      : `برنامه: ${DIRECTION[s.direction]} — ورود ${price(s.entry1)} و ${price(s.entry2)}، حد ضرر ${price(s.sl)}، اهداف ${price(s.tp1)} / ${price(s.tp2)} / ${price(s.tp3)}، نسبت ریسک به ریوارد ${num(s.riskRewardRatio, 2)}؛ وضعیت: ${FA.setup[d.setup]}.`,
    s.confidenceScore === null
      ? 'اطمینان: داده کافی از ستاپ‌های مشابه برای اندازه‌گیری وجود ندارد.'
      : `اطمینان اندازه‌گیری‌شده: ${num(s.confidenceScore * 100, 0)}% از ${s.confidenceSample} ستاپ مشابه.`,
    'این متن خوانش مکانیکی اندیکاتورهاست و توصیه مالی نیست.',
  ];
  return fa(lines.join('\n'));
}
