import { describe, expect, it } from 'vitest';
import { type StepDefinition, validateDefinition, type WorkflowDefinition } from './definition.ts';

/** A small valid workflow; each test breaks one thing in a copy of it. */
const valid = (): WorkflowDefinition => ({
  code: 'test-flow',
  version: 1,
  name: 'Quy trình thử',
  start: 'reception',
  settings: { supplementClock: 'restart' },
  steps: [
    {
      id: 'reception',
      name: 'Tiếp nhận',
      status: 'waiting_receipt',
      role: 'one_stop_officer',
      allows: ['supplement'],
      actions: [
        { id: 'accept', name: 'Tiếp nhận', to: 'processing', by: ['one_stop_officer'], effects: ['clock.start'] },
        { id: 'refuse', name: 'Từ chối', to: 'refused', by: ['one_stop_officer'], requires: ['reason'] },
      ],
    },
    {
      id: 'processing',
      name: 'Thụ lý',
      status: 'processing',
      role: 'specialist',
      timeAllowed: { unit: 'working_days', amount: 2 },
      actions: [{ id: 'resolve', name: 'Giải quyết', to: 'returned', by: ['specialist'], requires: ['delivery'] }],
    },
    { id: 'returned', name: 'Đã trả kết quả', status: 'returned', terminal: true, actions: [] },
    { id: 'refused', name: 'Từ chối giải quyết', status: 'refused', terminal: true, actions: [] },
  ],
});

const step = (def: WorkflowDefinition, id: string): StepDefinition => def.steps.find((s) => s.id === id)!;
const broken = (change: (def: WorkflowDefinition) => void): WorkflowDefinition => {
  const def = structuredClone(valid());
  change(def);
  return def;
};

describe('validateDefinition', () => {
  it('accepts a well-formed workflow', () => {
    expect(validateDefinition(valid())).toEqual([]);
  });

  it('reports schema errors with their path', () => {
    const def = broken((d) => {
      (d as Partial<WorkflowDefinition>).name = undefined;
      step(d, 'processing').status = 'thinking' as never;
      step(d, 'reception').actions[0]!.effects = ['clock.start', 'clock.start'];
      (d.steps[0] as unknown as Record<string, unknown>).colour = 'red';
    });
    const problems = validateDefinition(JSON.parse(JSON.stringify(def)));
    expect(problems.map((p) => p.path)).toEqual([
      'name',
      'steps[0].colour',
      'steps[0].actions[0].effects',
      'steps[1].status',
    ]);
    expect(problems[0]!.message).toBe('Thiếu trường bắt buộc "name".');
    expect(problems[3]!.message).toMatch(/^Giá trị của "steps\[1\]\.status" phải là một trong: draft, waiting_receipt/);
  });

  it('rejects ids that cannot be drawn (Mermaid) and a version that is not a positive integer', () => {
    const def = broken((d) => {
      step(d, 'reception').id = 'Tiếp nhận';
      d.version = 0;
    });
    expect(validateDefinition(def).map((p) => p.path)).toEqual(['version', 'steps[0].id']);
  });

  it('reports a reference to an unknown step where it is written', () => {
    const def = broken((d) => {
      step(d, 'processing').actions[0]!.to = 'archive';
    });
    expect(validateDefinition(def)).toEqual([
      { path: 'steps[1].actions[0].to', message: 'Bước đích "archive" không tồn tại.' },
    ]);
  });

  it('reports an unknown start step', () => {
    const def = broken((d) => {
      d.start = 'nowhere';
    });
    expect(validateDefinition(def)).toEqual([{ path: 'start', message: 'Bước bắt đầu "nowhere" không tồn tại.' }]);
  });

  it('reports unknown roles, on the step and among who may act', () => {
    const def = broken((d) => {
      step(d, 'processing').role = 'chief_wizard' as never;
      step(d, 'reception').actions[0]!.by = ['one_stop_officer', 'janitor' as never];
    });
    expect(validateDefinition(def)).toEqual([
      { path: 'steps[0].actions[0].by[1]', message: 'Vai trò "janitor" không tồn tại.' },
      { path: 'steps[1].role', message: 'Vai trò "chief_wizard" không tồn tại.' },
    ]);
  });

  it('reports a step no path leads to', () => {
    const def = broken((d) => {
      d.steps.push({
        id: 'orphan',
        name: 'Bước mồ côi',
        status: 'processing',
        actions: [{ id: 'go', name: 'Đi', to: 'returned', by: ['specialist'] }],
      });
    });
    expect(validateDefinition(def)).toEqual([
      { path: 'steps[4]', message: 'Bước "Bước mồ côi" không thể đến được từ bước bắt đầu "reception".' },
    ]);
  });

  it('reports a dead end that is not terminal', () => {
    const def = broken((d) => {
      step(d, 'processing').actions = [];
    });
    expect(validateDefinition(def)).toEqual([
      {
        path: 'steps[1].actions',
        message: 'Bước "Thụ lý" không có thao tác nào để đi tiếp nhưng không phải bước kết thúc.',
      },
    ]);
  });

  it('reports a loop with no way out to a terminal step', () => {
    const def = broken((d) => {
      step(d, 'processing').actions = [{ id: 'again', name: 'Làm lại', to: 'processing', by: ['specialist'] }];
    });
    expect(validateDefinition(def)).toEqual([
      { path: 'steps[2]', message: 'Bước "Đã trả kết quả" không thể đến được từ bước bắt đầu "reception".' },
      { path: 'steps[1]', message: 'Từ bước "Thụ lý" không thể đi tới bước kết thúc nào.' },
    ]);
  });

  it('reports a terminal step whose status is not an end status, and the reverse', () => {
    const def = broken((d) => {
      step(d, 'returned').status = 'resolved';
      step(d, 'refused').terminal = false;
    });
    const problems = validateDefinition(def);
    expect(problems.map((p) => p.path)).toEqual(['steps[2].status', 'steps[3].terminal', 'steps[3].actions']);
    expect(problems[0]!.message).toBe(
      'Bước kết thúc "Đã trả kết quả" phải có trạng thái kết thúc (returned, refused, withdrawn, cancelled), không phải "resolved".',
    );
  });

  it('reports a terminal step with actions or interruptions', () => {
    const def = broken((d) => {
      step(d, 'returned').actions = [{ id: 'reopen', name: 'Mở lại', to: 'processing', by: ['agency_admin'] }];
      step(d, 'returned').allows = ['suspend'];
    });
    expect(validateDefinition(def).map((p) => p.path)).toEqual(['steps[2].actions', 'steps[2].allows']);
  });

  it('reports duplicate step and action ids, and action ids reserved for every dossier', () => {
    const def = broken((d) => {
      step(d, 'refused').id = 'returned';
      const reception = step(d, 'reception');
      reception.actions.push({ ...reception.actions[0]! });
      reception.actions.push({ id: 'withdraw', name: 'Rút', to: 'returned', by: ['applicant'] });
    });
    expect(validateDefinition(def)).toEqual([
      { path: 'steps[0].actions[2].id', message: 'Mã thao tác "accept" bị trùng với steps[0].actions[0].' },
      { path: 'steps[0].actions[3].id', message: 'Mã thao tác "withdraw" trùng với một thao tác chung của mọi hồ sơ.' },
      { path: 'steps[3].id', message: 'Mã bước "returned" bị trùng với steps[2].' },
      { path: 'steps[0].actions[1].to', message: 'Bước đích "refused" không tồn tại.' },
    ]);
  });

  it('reports a way into a refusal that does not ask for the reason (Form 03 states it)', () => {
    const def = broken((d) => {
      delete step(d, 'reception').actions[1]!.requires;
    });
    expect(validateDefinition(def)).toEqual([
      {
        path: 'steps[0].actions[1].requires',
        message: 'Thao tác "Từ chối" dẫn tới từ chối nên phải yêu cầu lý do ("reason").',
      },
    ]);
  });

  it('rejects what is not an object at all', () => {
    expect(validateDefinition('quy trình')).toEqual([
      { path: '(toàn bộ)', message: 'Trường "(toàn bộ)" phải có kiểu object.' },
    ]);
  });
});
