import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs on embedded defaults with no environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      role: 'all',
      http: { port: 3000, publicUrl: 'http://localhost:3000' },
      database: { url: null },
      redis: { url: null, prefix: 'doorbraak' },
      mail: { smtpUrl: null },
      demoData: true,
      session: { cookieSecure: false, idleMinutes: 30, absoluteHours: 12 },
    });
  });

  it('uses the servers it is given and then loads no demo data unless asked', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/doorbraak',
      REDIS_URL: 'redis://redis:6379',
      SMTP_URL: 'smtp://mail:25',
    });
    expect(c.database.url).toBe('postgres://u:p@db:5432/doorbraak');
    expect(c.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('stops with a readable list of every bad value', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });

  it('never falls back to embedded defaults in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL.*\n.*REDIS_URL.*\n.*SMTP_URL.*\n.*PUBLIC_URL/s,
    );
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/x',
      REDIS_URL: 'redis://r:6379',
      SMTP_URL: 'smtp://m:25',
      PUBLIC_URL: 'https://doorbraak.example.nl',
    });
    expect(c.session.cookieSecure).toBe(true);
    expect(c.runMigrations).toBe(false);
  });
  it('knows the process roles; the migration job needs only the database in production', () => {
    expect(loadConfig({ ROLE: 'worker' })).toMatchObject({
      role: 'worker',
      worker: { healthPort: 3001, sweepIntervalMs: 30_000 },
      metrics: { token: null },
      shutdownGraceMs: 25_000,
    });
    expect(
      loadConfig({ NODE_ENV: 'production', ROLE: 'migrate', DATABASE_URL: 'postgres://db/x' }).role,
    ).toBe('migrate');
    expect(() => loadConfig({ NODE_ENV: 'production', ROLE: 'migrate' })).toThrow(/DATABASE_URL/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', ROLE: 'api', DATABASE_URL: 'postgres://db/x' }),
    ).toThrow(/REDIS_URL.*\n.*SMTP_URL.*\n.*PUBLIC_URL/s);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ ROLE: 'scheduler' })).toThrow(/ROLE/);
  });
});
