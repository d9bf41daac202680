import { expect } from '@open-wc/testing';
import { defineStrings } from './i18n.js';

describe('defineStrings: a Chinese sentence spaces off Latin words and digits, not Chinese ones', () => {
  const t = defineStrings({
    en: { move: 'Moved to {stage}, position {pos}.', owner: '{name} owns it', both: '{a} · {b}' },
    'zh-CN': { move: '已移至 {stage}，第 {pos} 位。', owner: '{name} 的商机', both: '{a} · {b}' },
  });

  it('drops the space between Chinese text and a Chinese name, keeps it beside Latin and digits', () => {
    expect(t('zh-CN', 'move', { stage: '需求分析', pos: 2 })).to.equal('已移至需求分析，第 2 位。');
    expect(t('zh-CN', 'move', { stage: 'Proposal', pos: 12 })).to.equal('已移至 Proposal，第 12 位。');
    expect(t('zh-CN', 'owner', { name: '明德电子' })).to.equal('明德电子的商机');
    expect(t('zh-CN', 'owner', { name: 'Acme' })).to.equal('Acme 的商机');
    expect(t('zh-CN', 'owner', { name: '明德 Labs' })).to.equal('明德 Labs 的商机');
    // beside anything else (a separator) the space stays
    expect(t('zh-CN', 'both', { a: '紧急', b: '处理中' })).to.equal('紧急 · 处理中');
  });

  it('leaves English sentences as they are, Chinese names included', () => {
    expect(t('en', 'move', { stage: '需求分析', pos: 2 })).to.equal('Moved to 需求分析, position 2.');
    expect(t('en', 'owner', { name: '明德电子' })).to.equal('明德电子 owns it');
  });

  it('keeps a placeholder it has no value for as written, spaces and all', () => {
    expect(t('zh-CN', 'move', { pos: 3 })).to.equal('已移至 {stage}，第 3 位。');
  });
});
