// The province's look for Ant Design: its red as the primary colour, a 16 px base, and text colours that keep
// at least 4.5:1 contrast on white (Ant Design's lighter greys do not), and no motion: a dialog is drawn where it
// stays from its first frame. With the zoom, a dialog shown for a frame was then shrunk to a fifth and made
// click-through while it grew, so on a busy office computer a click on its button could be lost (seen 6 times in
// 40 under load: the button's press landed, its release did not).
import type { ThemeConfig } from 'antd';

export const PROVINCE_RED = '#b71c1c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PROVINCE_RED,
    colorLink: '#0d47a1',
    colorError: '#b71c1c',
    colorSuccess: '#1b5e20',
    colorText: 'rgba(0, 0, 0, 0.88)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    fontSize: 16,
    borderRadius: 6,
    motion: false,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif',
  },
};
