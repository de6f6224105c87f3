import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import 'element-plus/theme-chalk/el-message.css';
import 'element-plus/theme-chalk/el-message-box.css';
import './styles.css';
import App from './App.vue';
import { session } from './auth/session.js';
import { createAppI18n } from './i18n/index.js';
import { createAppRouter } from './router.js';

session.restore();
const i18n = createAppI18n();
document.documentElement.lang = i18n.global.locale.value;
createApp(App).use(i18n).use(createAppRouter()).mount('#app');
