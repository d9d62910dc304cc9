// Installations that exchange data files with each other, built through the real contract: the
// province with its master list (three district committees, three TCCSĐ under each, a watchlist
// decision), and lower installations that take the master list, then rate and act on their
// own units. Files are exported and imported by handle, as the screen does.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  ApplyResult,
  ExchangePreview,
  ExportResult,
  MethodInput,
} from '../../shared/contract';
import type { UnitKind, UnitSector } from '../../shared/domain/units';
import type { BackendSetup, TestBackend } from './backend';
import { makeBackend } from './backend';
import { saveTemp } from './exchange-files';

export interface SiteUnit {
  code: string;
  name: string;
  kind: UnitKind;
  sector: UnitSector;
}

/** The level each lower installation records for its units in 2016 and 2017, by code. */
export const LEVELS: Readonly<Record<string, readonly [string, string]>> = {
  BS01: ['YK', 'TSVM'],
  BS02: ['HTTNV', 'HTTNV'],
  BS03: ['HTNV', 'HTTNV'],
  HL01: ['HTTNV', 'HTTNV'],
  HL02: ['HTNV', 'HTNV'],
  HL03: ['TSVM', 'TSVM'],
  CL01: ['HTNV', 'HTTNV'],
  CL02: ['YK', 'HTNV'],
  CL03: ['HTTNV', 'TSVM'],
};

export interface DistrictPlan {
  code: string;
  name: string;
  units: SiteUnit[];
}

/** The three lower committees of the round trip and their TCCSĐ (names of DOMAIN.md §1). */
export const DISTRICTS: readonly DistrictPlan[] = [
  {
    code: 'BS',
    name: 'Đảng bộ huyện Bắc Sơn',
    units: [
      { code: 'BS01', name: 'Đảng bộ xã Đồng Ý', kind: 'base_committee', sector: 'commune' },
      { code: 'BS02', name: 'Đảng bộ xã Vũ Sơn', kind: 'base_committee', sector: 'commune' },
      {
        code: 'BS03',
        name: 'Chi bộ Trường THPT Bắc Sơn',
        kind: 'base_cell',
        sector: 'public_service',
      },
    ],
  },
  {
    code: 'HL',
    name: 'Đảng bộ huyện Hữu Lũng',
    units: [
      { code: 'HL01', name: 'Đảng bộ xã Hòa Sơn', kind: 'base_committee', sector: 'commune' },
      { code: 'HL02', name: 'Đảng bộ xã Minh Sơn', kind: 'base_committee', sector: 'commune' },
      { code: 'HL03', name: 'Chi bộ Chi cục Thuế Hữu Lũng', kind: 'base_cell', sector: 'agency' },
    ],
  },
  {
    code: 'CL',
    name: 'Đảng bộ huyện Chi Lăng',
    units: [
      {
        code: 'CL01',
        name: 'Đảng bộ thị trấn Đồng Mỏ',
        kind: 'base_committee',
        sector: 'township',
      },
      { code: 'CL02', name: 'Đảng bộ xã Quang Lang', kind: 'base_committee', sector: 'commune' },
      {
        code: 'CL03',
        name: 'Chi bộ Bệnh viện Đa khoa Chi Lăng',
        kind: 'base_cell',
        sector: 'public_service',
      },
    ],
  },
];

export const PROVINCE_NAME = 'Đảng bộ tỉnh Lạng Sơn';

export interface Province {
  backend: TestBackend;
  provinceId: string;
  /** Unit id by code (districts and their TCCSĐ). */
  ids: Map<string, string>;
  /** The province's 2017 list (Resolution 33-NQ/TU's shape) with one unit of each district. */
  watchlistId: string;
}

/** The id of a unit by its code, or a test failure naming the code. */
export function idOf(ids: Map<string, string>, code: string): string {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`no unit with code ${code}`);
  return id;
}

/** The province's installation: its register (units known from before, "có từ trước"), a list. */
export function makeProvince(setup: BackendSetup = {}): Province {
  const backend = makeBackend(setup);
  const info = backend.call('setup.complete', {
    operatorName: 'Ban Tổ chức Tỉnh ủy',
    ownUnit: { mode: 'new', name: PROVINCE_NAME, code: 'LS', kind: 'province' },
  });
  const provinceId = info.ownUnitId ?? '';
  const ids = new Map<string, string>();
  for (const district of DISTRICTS) {
    const created = backend.call('units.create', {
      name: district.name,
      code: district.code,
      kind: 'upper_committee',
      parentId: provinceId,
    });
    ids.set(district.code, created.id);
    for (const unit of district.units) {
      ids.set(unit.code, backend.call('units.create', { ...unit, parentId: created.id }).id);
    }
  }
  const list = backend.call('watchlists.create', {
    title: 'Củng cố tổ chức cơ sở đảng yếu kém năm 2017',
    number: '33-NQ/TU',
    decidedOn: '17/02/2017',
    issuerId: provinceId,
    year: 2017,
  });
  for (const code of ['BS01', 'HL01', 'CL02']) {
    backend.call('watchlists.addMember', {
      watchlistId: list.id,
      unitId: idOf(ids, code),
      reasons: ['weak_rating'],
      responsible: 'Đồng chí Ủy viên Ban Thường vụ phụ trách',
    });
  }
  return { backend, provinceId, ids, watchlistId: list.id };
}

export interface ExportedFile {
  /** Where the file was saved under its suggested name (as the save dialog puts it). */
  path: string;
  bytes: Buffer;
  result: ExportResult;
}

/** exchange.export, with the file saved under its suggested name and its bytes. */
export async function exportFile(
  backend: TestBackend,
  input: MethodInput<'exchange.export'> = {},
): Promise<ExportedFile> {
  const result = await backend.callAsync('exchange.export', input);
  const bytes = readFileSync(backend.ctx.files.pathOf(result.file.handle));
  return { path: saveTemp(result.suggestedName, bytes), bytes, result };
}

/** Registers files as a dialog pick would and previews them. */
export function previewFiles(backend: TestBackend, paths: readonly string[]) {
  const files = paths.map((path) => backend.ctx.files.register(path, basename(path)).handle);
  return backend.callAsync('exchange.preview', { files });
}

export type ApplyChoices = Omit<MethodInput<'exchange.apply'>, 'planId'>;

/** Preview, then apply that plan: what "Nhập dữ liệu" does after the user's choices. */
export async function importFiles(
  backend: TestBackend,
  paths: readonly string[],
  choices: ApplyChoices = {},
): Promise<{ preview: ExchangePreview; result: ApplyResult }> {
  const preview = await previewFiles(backend, paths);
  const result = backend.call('exchange.apply', { planId: preview.planId, ...choices });
  return { preview, result };
}

/** Bytes saved as a file of their own, then previewed (the tests' tampered files). */
export function previewBytes(backend: TestBackend, bytes: Buffer | string, name = 'du-lieu.tccsd') {
  const path = saveTemp(name, bytes);
  const files = [backend.ctx.files.register(path).handle];
  return backend.attemptAsync('exchange.preview', { files });
}

export interface LowerSite {
  backend: TestBackend;
  /** This installation's own unit (its district committee). */
  ownId: string;
  district: DistrictPlan;
}

/**
 * A lower installation born from the province's master list: a new data file takes the list,
 * then names its own unit among the units it received (first-run "chọn tổ chức có sẵn").
 */
export async function makeLowerSite(
  masterPath: string,
  district: DistrictPlan,
  setup: BackendSetup = {},
): Promise<LowerSite> {
  const backend = makeBackend(setup);
  await importFiles(backend, [masterPath]);
  const own = backend.call('units.list', { year: 2017, search: district.code }).rows;
  const ownId = own.find((row) => row.code === district.code)?.id;
  if (ownId === undefined) throw new Error(`${district.code} not received from the master list`);
  backend.call('setup.complete', {
    operatorName: `Ban Tổ chức ${district.name}`,
    ownUnit: { mode: 'existing', unitId: ownId },
  });
  return { backend, ownId, district };
}

/** The unit's id in a site's register, by code (as of 2017). */
export function siteUnitId(backend: TestBackend, code: string): string {
  const rows = backend.call('units.list', { year: 2017, search: code }).rows;
  const id = rows.find((row) => row.code === code)?.id;
  if (id === undefined) throw new Error(`no unit with code ${code}`);
  return id;
}

/**
 * What a lower installation records in a year's work: its units' levels for 2016 and 2017, and
 * for its own units on the province's list a measure carried out and the year's remark.
 */
export function recordSiteWork(site: LowerSite): void {
  const { backend } = site;
  for (const unit of site.district.units) {
    const unitId = siteUnitId(backend, unit.code);
    const [y2016, y2017] = LEVELS[unit.code] ?? ['HTNV', 'HTNV'];
    backend.call('ratings.set', { unitId, year: 2016, levelCode: y2016 });
    backend.call('ratings.set', { unitId, year: 2017, levelCode: y2017, memberCount: 40 });
  }
  for (const list of backend.call('watchlists.list', { year: 2017 })) {
    const members = backend.call('watchlists.get', { id: list.id }).members;
    for (const member of members.filter((m) => m.parentId === site.ownId)) {
      const measure = backend.call('measures.add', {
        memberId: member.id,
        kind: 'inspection',
        title: `Kiểm tra, giám sát ${member.unitName}`,
        responsible: 'Ủy ban Kiểm tra',
        startOn: '01/03/2017',
        dueOn: '30/11/2017',
      });
      backend.call('measures.complete', {
        id: measure.id,
        doneOn: '20/11/2017',
        resultNote: 'Đã kiểm tra, kết luận rõ',
      });
      backend.call('watchlists.setResult', {
        memberId: member.id,
        year: 2017,
        change: 'clear',
        remark: 'Có chuyển biến tích cực, rõ nét',
      });
    }
  }
}
