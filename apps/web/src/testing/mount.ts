import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import type { Component } from 'vue';
import { createAppI18n } from '../i18n/index.js';

/** Mounts a component with the app's i18n (zh-CN), as main.ts installs it. */
export function mountWithApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> = {},
) {
  return mount(component, {
    ...options,
    global: {
      ...options.global,
      plugins: [createAppI18n('zh-CN'), ...(options.global?.plugins ?? [])],
    },
  } as ComponentMountingOptions<C>);
}

/** Lets promises and Vue's update queue settle. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
