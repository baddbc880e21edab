import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { createLibrary } from '../../electron/core/library/library';
import type { LibraryImage, ListFilter } from '../../shared/contract/library';
import { openTestLibrary, solidImage, tempDir, type TestLibrary } from './helpers';

let t: TestLibrary;
let clock: number;
beforeEach(() => {
  clock = Date.parse('2026-03-01T10:00:00Z');
  t = openTestLibrary(undefined, () => (clock += 1000));
});
afterEach(() => t.close());

let seed = 0;
async function add(facts: Partial<Parameters<TestLibrary['library']['addImage']>[0]> = {}): Promise<LibraryImage> {
  return t.library.addImage({ bytes: await solidImage('png', 16, 16, ++seed), source: 'generated', ...facts });
}

const ids = (images: LibraryImage[]) => images.map((image) => image.id).sort();
const found = (query: string, filter: ListFilter = {}) => ids(t.library.list({ ...filter, query, limit: 100 }).images);

describe('searching Chinese, Japanese and Korean', () => {
  it('finds a run of Chinese anywhere in a prompt, in every sort order', async () => {
    const landscape = await add({ prompt: '一幅山水画，远处有雪山' });
    const portrait = await add({ prompt: '水墨风格的人物肖像' });
    for (const sort of ['newest', 'oldest', 'rating'] as const) {
      expect(found('一幅', { sort })).toEqual([landscape.id]); // start
      expect(found('山水', { sort })).toEqual([landscape.id]); // middle
      expect(found('雪山', { sort })).toEqual([landscape.id]); // end
      expect(found('人物肖像', { sort })).toEqual([portrait.id]);
    }
    // A single character finds every prompt that has it, wherever it stands.
    expect(found('水')).toEqual(ids([landscape, portrait]));
    expect(found('画')).toEqual([landscape.id]);
    // The characters must be next to each other and in order, not merely all present.
    expect(found('水山')).toEqual([]);
    expect(found('山雪')).toEqual([]);
    // Every word typed must match.
    expect(found('山水 肖像')).toEqual([]);
    expect(found('水墨 肖像')).toEqual([portrait.id]);
  });

  it('finds Japanese kana and kanji, and Korean inside a word', async () => {
    const cat = await add({ prompt: '桜の木の下で眠るネコ、ラーメンの湯気' });
    const seoul = await add({ prompt: '서울의 밤거리 풍경' });
    expect(found('ネコ')).toEqual([cat.id]);
    expect(found('の木')).toEqual([cat.id]);
    expect(found('ラーメン')).toEqual([cat.id]);
    expect(found('眠る')).toEqual([cat.id]);
    expect(found('ねこ')).toEqual([cat.id]); // katakana and hiragana find each other
    expect(found('いぬ')).toEqual([]);
    expect(found('거리')).toEqual([seoul.id]);
    expect(found('서울')).toEqual([seoul.id]);
    expect(found('밤')).toEqual([seoul.id]);
    expect(found('풍경 서울의')).toEqual([seoul.id]);
    expect(found('거리서울')).toEqual([]);
  });

  it('finds Chinese in tags and original file names, and narrows by a Chinese tag', async () => {
    const inked = await add({ prompt: 'mountains at dawn' });
    const other = await add({ prompt: '山间小路' });
    t.library.tag([inked.id], ['水墨画']);
    t.library.tag([other.id], ['风景']);
    const dir = join(t.dir, 'inbox');
    mkdirSync(dir);
    writeFileSync(join(dir, '春天的花园.png'), await solidImage('png', 8, 8, 99));
    const [named] = (await t.library.import([join(dir, '春天的花园.png')])).imported;
    expect(found('水墨')).toEqual([inked.id]);
    expect(found('墨画')).toEqual([inked.id]);
    expect(found('花园')).toEqual([named!.id]);
    expect(found('春天')).toEqual([named!.id]);
    expect(found('mount', { tag: '水墨画' })).toEqual([inked.id]);
    expect(found('山', { tag: '风景' })).toEqual([other.id]);
    expect(found('山', { tag: '水墨画' })).toEqual([]);
    // Removing the tag takes it out of the index.
    t.library.tag([inked.id], [], ['水墨画']);
    expect(found('水墨')).toEqual([]);
  });

  it('needs both parts of a mixed Chinese and English query, with or without a space', async () => {
    const neonCity = await add({ prompt: '赛博朋克 city at night' });
    const neonForest = await add({ prompt: '赛博朋克 forest' });
    const lights = await add({ prompt: 'city lights' });
    const street = await add({ prompt: '霓虹灯下的cyberpunk街道' });
    expect(found('赛博 city')).toEqual([neonCity.id]);
    expect(found('city 赛博')).toEqual([neonCity.id]);
    expect(found('赛博 cit')).toEqual([neonCity.id]);
    expect(found('朋克 for')).toEqual([neonForest.id]);
    expect(found('city')).toEqual(ids([neonCity, lights]));
    // Latin written against Chinese without a space is still its own word.
    expect(found('cyber')).toEqual([street.id]);
    expect(found('的cyber')).toEqual([street.id]);
    expect(found('cyberpunk街道')).toEqual([street.id]);
    expect(found('的city')).toEqual([]);
    // Full-width letters from a Chinese input method fold to ordinary ones.
    expect(found('ＣＩＴＹ')).toEqual(ids([neonCity, lights]));
  });

  it('keeps English search by word prefix', async () => {
    const mountain = await add({ prompt: 'A snowy Mountain at dawn' });
    const paramount = await add({ prompt: 'paramount studios' });
    expect(found('mount')).toEqual([mountain.id]);
    expect(found('MOUNTAIN snow')).toEqual([mountain.id]);
    expect(found('ount')).toEqual([]);
    expect(found('para')).toEqual([paramount.id]);
  });

  it('takes FTS syntax in a query as plain text', async () => {
    const landscape = await add({ prompt: '一幅山水画 and a river' });
    for (const query of [
      '"',
      '*',
      '-',
      '(',
      ')',
      'AND',
      'OR',
      'NOT',
      'NEAR(',
      ':',
      '^',
      '"山',
      '山"水',
      '-山水',
      'prompt:山',
      '山*',
      '{name}',
    ]) {
      expect(() => t.library.list({ query }), query).not.toThrow();
      expect(() => t.library.list({ query, sort: 'rating' }), query).not.toThrow();
    }
    expect(found('"山水"')).toEqual([landscape.id]);
    expect(found('(山水)')).toEqual([landscape.id]);
    expect(found('山水*')).toEqual([landscape.id]);
    expect(found('AND')).toEqual([landscape.id]);
    expect(found('"river" -')).toEqual([landscape.id]);
  });

  it('pages through Chinese matches newest first without repeats or gaps', async () => {
    const made: LibraryImage[] = [];
    for (let index = 0; index < 5; index++) made.push(await add({ prompt: `第${index}张山水画` }));
    await add({ prompt: '城市夜景' });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = t.library.list({ query: '山水', limit: 2, after });
      seen.push(...page.images.map((image) => image.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(made.map((image) => image.id).reverse());
  });
});

describe('a library made before Chinese search', () => {
  it('is searchable in Chinese once opened', async () => {
    const dir = tempDir();
    const before = migrations.filter((migration) => migration.id < 3);
    const oldDb = openDatabase(join(dir, 'atelier.db'), { migrations: before });
    const old = createLibrary({ db: oldDb, libraryDir: dir });
    const landscape = await old.addImage({
      bytes: await solidImage('png', 16, 16, 1),
      source: 'generated',
      prompt: '一幅山水画',
      negativePrompt: '模糊',
    });
    const tagged = await old.addImage({
      bytes: await solidImage('png', 16, 16, 2),
      source: 'imported',
      prompt: 'a castle',
      originalName: '城堡照片.png',
    });
    old.tag([tagged.id], ['古代建筑']);
    // The old index only finds a run from its first character.
    expect(old.list({ query: '山水' }).images).toEqual([]);
    oldDb.close();

    t.close();
    t = openTestLibrary(dir);
    expect(ids(t.library.list({ query: '山水' }).images)).toEqual([landscape.id]);
    expect(ids(t.library.list({ query: '模糊' }).images)).toEqual([landscape.id]);
    expect(ids(t.library.list({ query: '照片' }).images)).toEqual([tagged.id]);
    expect(ids(t.library.list({ query: '建筑' }).images)).toEqual([tagged.id]);
    expect(ids(t.library.list({ query: 'cast' }).images)).toEqual([tagged.id]);
    // The rebuilt index keeps following the rows.
    t.library.tag([landscape.id], ['国画']);
    expect(ids(t.library.list({ query: '国画' }).images)).toEqual([landscape.id]);
    t.library.delete([tagged.id]);
    expect(ids(t.library.list({ query: '建筑' }).images)).toEqual([]);

    // Opened again with nothing left to migrate, the index still takes Chinese in.
    t.db.close();
    const db = openDatabase(join(dir, 'atelier.db'), { migrations });
    const reopened = createLibrary({ db, libraryDir: dir });
    const later = await reopened.addImage({
      bytes: await solidImage('png', 16, 16, 3),
      source: 'generated',
      prompt: '月下的竹林',
    });
    expect(ids(reopened.list({ query: '竹林' }).images)).toEqual([later.id]);
    db.close();
  });
});

describe('katakana and hiragana', () => {
  it('find each other, in prompts, tags and file names, typed full-width or half-width', async () => {
    const cat = await add({ prompt: '窓辺で眠るネコ' });
    const dog = await add({ prompt: 'いぬのさんぽ' });
    const named = await add({ prompt: 'still life', originalName: 'ｶﾒﾗ写真.png' });
    t.library.tag([dog.id], ['ペット']);
    expect(found('ねこ')).toEqual([cat.id]);
    expect(found('ネコ')).toEqual([cat.id]);
    expect(found('イヌ')).toEqual([dog.id]);
    expect(found('ぺっと')).toEqual([dog.id]);
    expect(found('かめら')).toEqual([named.id]);
    expect(found('ｶﾒﾗ')).toEqual([named.id]);
    // Folding kana does not blur other text: voiced marks and Han stay distinct.
    expect(found('ネゴ')).toEqual([]);
  });
});

describe('a library indexed before kana folding', () => {
  it('has its katakana rows indexed again, and only those', async () => {
    const dir = tempDir();
    const oldDb = openDatabase(join(dir, 'atelier.db'), {
      migrations: migrations.filter((migration) => migration.id !== 4),
    });
    const old = createLibrary({ db: oldDb, libraryDir: dir });
    const cat = await old.addImage({
      bytes: await solidImage('png', 16, 16, 1),
      source: 'generated',
      prompt: '眠るネコ',
    });
    const tagged = await old.addImage({
      bytes: await solidImage('png', 16, 16, 2),
      source: 'generated',
      prompt: 'a lake',
    });
    old.tag([tagged.id], ['ボート']);
    const plain = await old.addImage({
      bytes: await solidImage('png', 16, 16, 3),
      source: 'generated',
      prompt: '山水画',
    });
    // What the previous version stored: katakana as typed (today's triggers would fold it already).
    const pk = (id: string) => oldDb.prepare('SELECT pk FROM images WHERE id = ?').pluck().get(id);
    oldDb.prepare('UPDATE images_fts SET prompt = ? WHERE rowid = ?').run('眠 る ネ コ', pk(cat.id));
    oldDb.prepare('UPDATE images_fts SET tags = ? WHERE rowid = ?').run('ボ ー ト', pk(tagged.id));
    // A row without katakana is left as it is: a marker in its index text survives the migration.
    oldDb.prepare('UPDATE images_fts SET prompt = ? WHERE rowid = ?').run('山 水 画 untouched', pk(plain.id));
    expect(old.list({ query: 'ねこ' }).images).toEqual([]);
    const plainPk = pk(plain.id);
    oldDb.close();

    await t.close();
    t = openTestLibrary(dir);
    expect(ids(t.library.list({ query: 'ねこ' }).images)).toEqual([cat.id]);
    expect(ids(t.library.list({ query: 'ネコ' }).images)).toEqual([cat.id]);
    expect(ids(t.library.list({ query: 'ぼーと' }).images)).toEqual([tagged.id]);
    expect(ids(t.library.list({ query: '山水' }).images)).toEqual([plain.id]);
    expect(t.db.prepare('SELECT prompt FROM images_fts WHERE rowid = ?').pluck().get(plainPk)).toBe(
      '山 水 画 untouched',
    );
  });
});
